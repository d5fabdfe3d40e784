package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolNamesTests {

    @Test
    void joinsTenantAndTool() {
        assertThat(ToolNames.qualified("google", "read_file")).isEqualTo("google__read_file");
    }

    @Test
    void replacesCharactersOutsideTheAllowedSet() {
        assertThat(ToolNames.qualified("acme", "files.read/v2")).isEqualTo("acme__files_read_v2");
    }

    @Test
    void shortensLongNamesWithStableDistinctHash() {
        String tenant = "a-very-long-tenant-name-that-goes-on";
        String first = ToolNames.qualified(tenant, "create_or_update_file_contents_in_repository");
        String second = ToolNames.qualified(tenant, "create_or_update_file_contents_in_repository_v2");
        assertThat(first).hasSize(64).matches("[A-Za-z0-9_-]+");
        assertThat(second).hasSize(64);
        assertThat(first).isNotEqualTo(second);
        assertThat(ToolNames.qualified(tenant, "create_or_update_file_contents_in_repository")).isEqualTo(first);
    }

    @Test
    void validatesTenantIds() {
        assertThat(TenantIds.isValid("company-c")).isTrue();
        assertThat(TenantIds.isValid("-bad")).isFalse();
        assertThat(TenantIds.isValid("Upper")).isFalse();
        assertThat(TenantIds.isValid("a".repeat(64))).isFalse();
    }
}

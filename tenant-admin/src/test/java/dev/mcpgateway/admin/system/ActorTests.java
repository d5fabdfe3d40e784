package dev.mcpgateway.admin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.policy.AccessLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

class ActorTests {

    private final Actor tenantAdmin = new Actor("ta@acme.io", false,
            Map.of("acme", AccessLevel.ADMIN, "globex", AccessLevel.WRITE));

    @Test
    void managesOnlyTenantsWhereTheMemberIsAdmin() {
        assertThat(tenantAdmin.manages("acme")).isTrue();
        assertThat(tenantAdmin.manages("globex")).isFalse();
        assertThat(tenantAdmin.manages("other")).isFalse();
        assertThat(tenantAdmin.managedTenants()).containsExactly("acme");
        assertThatThrownBy(() -> tenantAdmin.requireManages("globex")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(tenantAdmin::requirePlatformAdmin).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void letsOnlyAdminsOfTheTenantGrantLevels() {
        Actor writerAdmin = new Actor("w@acme.io", false, Map.of("acme", AccessLevel.WRITE));
        assertThatThrownBy(() -> writerAdmin.requireMayGrant("acme", AccessLevel.READ))
                .isInstanceOf(AccessDeniedException.class);
        tenantAdmin.requireMayGrant("acme", AccessLevel.ADMIN);
        new Actor("root", true, Map.of()).requireMayGrant("anything", AccessLevel.ADMIN);
    }
}

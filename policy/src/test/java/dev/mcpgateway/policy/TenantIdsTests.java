package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantIdsTests {

    @Test
    void acceptsExactlyWhatThePatternAccepts() {
        String alphabet = "az09-_A.Z/ \u00e9\u0663"; // \u0663: an Arabic-Indic digit, which \d-like checks might take
        List<String> candidates = new ArrayList<>(List.of("", "google", "-google", "google-", "a", "0",
                "a".repeat(62), "a".repeat(63), "a".repeat(64), "tenant-9999", "Google", "goo gle", "goo\ngle"));
        for (char first : alphabet.toCharArray()) {
            candidates.add(String.valueOf(first));
            for (char second : alphabet.toCharArray()) {
                candidates.add("" + first + second);
                candidates.add("x" + first + second + "y");
            }
        }
        for (String candidate : candidates) {
            assertThat(TenantIds.isValid(candidate)).as("'%s'", candidate)
                    .isEqualTo(TenantIds.FORMAT.matcher(candidate).matches());
        }
        assertThat(TenantIds.isValid(null)).isFalse();
        assertThat(candidates).filteredOn(TenantIds::isValid).hasSizeGreaterThan(50);
    }

    @Test
    void ruleLevelsOfAccessLevelsHaveTheirNames() {
        for (AccessLevel level : AccessLevel.values()) {
            assertThat(RuleLevel.of(level).name()).isEqualTo(level.name());
            assertThat(RuleLevel.of(level).required()).isEqualTo(level);
            assertThat(level.value()).isEqualTo(level.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(RuleLevel.DENY.value()).isEqualTo("deny");
    }
}

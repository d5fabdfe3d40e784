package dev.mcpgateway.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.DemoTenantsFile;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.Member;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.TenantEntry;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.ToolRule;
import org.junit.jupiter.api.Test;

class BootstrapFileReaderTests {

    private static final String VALID = """
            tenants:
              - id: google
                displayName: Google
                backendUrl: http://127.0.0.1:8001
                backendType: openapi
                enabled: true
                defaultToolLevel: read
                members:
                  - { email: Sarah@Google.com, accessLevel: write }
                toolRules:
                  - { tool: write_file, level: write }
                  - { tool: 'delete_*', level: deny }
              - id: jira
                displayName: Jira
                backendUrl: https://jira-mcp.internal:8443/base
                backendType: mcp
            """;

    @Test
    void readsEveryFieldAndAppliesDefaults() {
        BootstrapFile file = BootstrapFileReader.read("t.yaml", VALID);

        TenantEntry google = file.tenants().get(0);
        assertThat(google.id()).isEqualTo("google");
        assertThat(google.backendUrl()).hasToString("http://127.0.0.1:8001");
        assertThat(google.members()).containsExactly(new Member("sarah@google.com", AccessLevel.WRITE));
        assertThat(google.toolRules()).containsExactly(new ToolRule("write_file", RuleLevel.WRITE),
                new ToolRule("delete_*", RuleLevel.DENY));
        TenantEntry jira = file.tenants().get(1);
        assertThat(jira.backendType()).isEqualTo(BackendType.MCP);
        assertThat(jira.enabled()).isTrue();
        assertThat(jira.defaultToolLevel()).isEqualTo(AccessLevel.READ);
        assertThat(jira.members()).isEmpty();
        assertThat(jira.toolRules()).isEmpty();
    }

    @Test
    void readsToolLevelsFromAnnotationsForMcpTenantsAndDefaultsToFalse() {
        String file = VALID.replace("    backendType: mcp\n", "    backendType: mcp\n    toolLevelsFromAnnotations: true\n");

        BootstrapFile read = BootstrapFileReader.read("t.yaml", file);

        assertThat(read.tenants().get(0).toolLevelsFromAnnotations()).isFalse();
        assertThat(read.tenants().get(1).toolLevelsFromAnnotations()).isTrue();
        assertThat(BootstrapFileReader.read("t.yaml", VALID).tenants().get(1).toolLevelsFromAnnotations()).isFalse();
        assertThat(BootstrapFileReader.read("t.yaml", file.replace("toolLevelsFromAnnotations: true",
                "toolLevelsFromAnnotations: false")).tenants().get(1).toolLevelsFromAnnotations()).isFalse();
    }

    @Test
    void namesLineAndFieldOfAToolLevelsFromAnnotationsThatIsNotABoolean() {
        String text = VALID.replace("    backendType: mcp\n", "    backendType: mcp\n    toolLevelsFromAnnotations: sometimes\n");
        String quoted = VALID.replace("    backendType: mcp\n", "    backendType: mcp\n    toolLevelsFromAnnotations: 'true'\n");
        String list = VALID.replace("    backendType: mcp\n", "    backendType: mcp\n    toolLevelsFromAnnotations: [true]\n");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", text))
                .isInstanceOf(BootstrapFileException.class)
                .hasMessage("t.yaml:17: tenants[1].toolLevelsFromAnnotations: expected true or false, found 'sometimes'");
        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", quoted))
                .hasMessage("t.yaml:17: tenants[1].toolLevelsFromAnnotations: expected true or false, found 'true'");
        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", list))
                .hasMessage("t.yaml:17: tenants[1].toolLevelsFromAnnotations: expected true or false, found a list");
    }

    @Test
    void refusesToolLevelsFromAnnotationsForOpenApiTenants() {
        String onOpenApi = VALID.replace("    enabled: true\n", "    enabled: true\n    toolLevelsFromAnnotations: true\n");
        String onDefaultType = VALID.replace("    backendType: openapi\n", "    toolLevelsFromAnnotations: true\n");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", onOpenApi))
                .hasMessage("t.yaml:7: tenants[0].toolLevelsFromAnnotations: only for backendType mcp"
                        + " (openapi backends have no tool annotations)");
        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", onDefaultType))
                .hasMessageStartingWith("t.yaml:5: tenants[0].toolLevelsFromAnnotations: only for backendType mcp");
        assertThat(BootstrapFileReader.read("t.yaml", onOpenApi.replace("toolLevelsFromAnnotations: true",
                "toolLevelsFromAnnotations: false")).tenants().get(0).toolLevelsFromAnnotations()).isFalse();
    }

    @Test
    void readsTheShippedDemoFile() {
        BootstrapFile demo = BootstrapFileReader.read("demo/tenants.yaml", DemoTenantsFile.text());

        assertThat(demo.tenants()).extracting(TenantEntry::id).containsExactly("google", "microsoft", "company-c");
        assertThat(demo.tenants().get(0).members()).extracting(Member::email)
                .contains("john@company.com", "admin@company.com", "sarah@google.com", "testuser@google.com");
        assertThat(demo.tenants().get(1).members()).extracting(Member::email).contains("mike@microsoft.com");
        assertThat(demo.tenants().get(2).members()).extracting(Member::email).contains("alice@companyc.com");
    }

    @Test
    void namesLineAndFieldOfAnUnknownField() {
        String file = VALID.replace("    enabled: true\n", "    enabled: true\n    owner: bob\n");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .isInstanceOf(BootstrapFileException.class)
                .hasMessageStartingWith("t.yaml:7: tenants[0].owner: unknown field");
    }

    @Test
    void namesLineAndFieldOfABadAccessLevel() {
        String file = VALID.replace("accessLevel: write", "accessLevel: owner");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:9: tenants[0].members[0].accessLevel: access level must be one of")
                .hasMessageContaining("'owner'");
    }

    @Test
    void namesLineAndFieldOfABadRuleLevel() {
        String file = VALID.replace("level: deny", "level: never");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:12: tenants[0].toolRules[1].level: tool rule level must be one of");
    }

    @Test
    void namesLineAndFieldOfABadTenantId() {
        String file = VALID.replace("id: jira", "id: Jira_Cloud");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:13: tenants[1].id: tenant id must match");
    }

    @Test
    void namesBothLinesOfADuplicateTenantId() {
        String file = VALID.replace("id: jira", "id: google");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessage("t.yaml:13: tenants[1].id: duplicate tenant id 'google' (first on line 2)");
    }

    @Test
    void namesTheTenantThatLacksARequiredField() {
        String file = VALID.replace("    backendUrl: https://jira-mcp.internal:8443/base\n", "");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessage("t.yaml:13: tenants[1].backendUrl: missing required field");
    }

    @Test
    void namesLineAndFieldOfAValueOfTheWrongType() {
        String enabledAsText = VALID.replace("enabled: true", "enabled: maybe");
        String membersAsText = VALID.replace("    members:\n      - { email: Sarah@Google.com, accessLevel: write }\n",
                "    members: sarah@google.com\n");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", enabledAsText))
                .hasMessage("t.yaml:6: tenants[0].enabled: expected true or false, found 'maybe'");
        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", membersAsText))
                .hasMessage("t.yaml:8: tenants[0].members: expected a list, found a value");
    }

    @Test
    void rejectsBackendUrlsThatAreNotHttp() {
        String file = VALID.replace("http://127.0.0.1:8001", "file:///etc/passwd");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:4: tenants[0].backendUrl: must be an http:// or https:// URL");
    }

    @Test
    void rejectsBackendUrlsTheDatabaseWouldRefuse() {
        // An upper-case scheme once read cleanly here and then failed the tenant_backend_url_format constraint.
        String file = VALID.replace("http://127.0.0.1:8001", "HTTP://127.0.0.1:8001");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:4: tenants[0].backendUrl: must be an http:// or https:// URL");
    }

    @Test
    void rejectsTheSameMemberTwiceWhateverTheCase() {
        String file = VALID.replace("      - { email: Sarah@Google.com, accessLevel: write }\n",
                "      - { email: Sarah@Google.com, accessLevel: write }\n      - { email: sarah@google.com, accessLevel: read }\n");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:10: tenants[0].members[1].email: duplicate email 'sarah@google.com'");
    }

    @Test
    void rejectsAFieldGivenTwice() {
        String file = VALID.replace("    displayName: Jira\n", "    displayName: Jira\n    displayName: Jira 2\n");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessage("t.yaml:15: tenants[1].displayName: field given twice");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", "tenants:\n  - id: [google\n"))
                .isInstanceOf(BootstrapFileException.class)
                .hasMessageStartingWith("t.yaml:3: not valid YAML");
    }

    private static final String RATE_LIMIT = """
                rateLimit:
                  perUser: { requestsPerSecond: 20, burst: 40 }
                  tenant: { requestsPerSecond: 200, burst: 400 }
                  maxConcurrentCalls: 64
                  maxResponseBytes: 16777216
            """;

    @Test
    void readsTheRateLimitBlockOfTheIssueAndDefaultsEveryPartWhenAbsent() {
        BootstrapFile file = BootstrapFileReader.read("t.yaml", VALID + RATE_LIMIT);

        assertThat(file.tenants().get(1).rateLimits()).isEqualTo(
                new RateLimits(new Bucket(20, 40), new Bucket(200, 400), 64, 16_777_216L));
        assertThat(file.tenants().get(0).rateLimits()).isEqualTo(RateLimits.NONE);
    }

    @Test
    void readsEachPartOfTheRateLimitBlockOnItsOwn() {
        String onlyConcurrency = VALID + "    rateLimit:\n      maxConcurrentCalls: 0\n";
        String onlyTenant = VALID + "    rateLimit:\n      tenant: { requestsPerSecond: 0, burst: 0 }\n";
        String empty = VALID + "    rateLimit:\n";

        assertThat(BootstrapFileReader.read("t.yaml", onlyConcurrency).tenants().get(1).rateLimits())
                .isEqualTo(new RateLimits(null, null, 0, null));
        assertThat(BootstrapFileReader.read("t.yaml", onlyTenant).tenants().get(1).rateLimits())
                .isEqualTo(new RateLimits(null, new Bucket(0, 0), null, null));
        assertThat(BootstrapFileReader.read("t.yaml", empty).tenants().get(1).rateLimits()).isEqualTo(RateLimits.NONE);
    }

    @Test
    void namesTenantLineAndFieldOfABurstBelowTheRate() {
        String file = VALID + RATE_LIMIT.replace("burst: 40 }", "burst: 10 }");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .isInstanceOf(BootstrapFileException.class)
                .hasMessage("t.yaml:18: tenants[1]: tenant 'jira': rateLimit.perUser.burst must be at least"
                        + " requestsPerSecond and at most 10000000");
    }

    @Test
    void namesTenantAndFieldOfNegativeAndTooLargeLimits() {
        String file = VALID + RATE_LIMIT.replace("maxConcurrentCalls: 64", "maxConcurrentCalls: -1")
                .replace("maxResponseBytes: 16777216", "maxResponseBytes: 99999999999999");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessage("t.yaml:20: tenants[1]: tenant 'jira': rateLimit.maxConcurrentCalls must be between"
                        + " 0 (unlimited) and 100000; rateLimit.maxResponseBytes must be between 0 (unlimited) and"
                        + " 1073741824");
    }

    @Test
    void refusesARateBeyondTheIntegerRangeWithTheRangeSentence() {
        String file = VALID + RATE_LIMIT.replace("requestsPerSecond: 200, burst: 400",
                "requestsPerSecond: 5000000000, burst: 5000000000");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:19: tenants[1]: tenant 'jira': rateLimit.tenant.requestsPerSecond must"
                        + " be between 0 (unlimited) and 1000000");
    }

    @Test
    void namesTenantAndFieldOfABucketWithoutItsBurst() {
        String file = VALID + RATE_LIMIT.replace("{ requestsPerSecond: 20, burst: 40 }", "{ requestsPerSecond: 20 }");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessage("t.yaml:18: tenants[1].rateLimit.perUser.burst: tenant 'jira': missing; a bucket needs"
                        + " both requestsPerSecond and burst");
    }

    @Test
    void namesTenantAndFieldOfALimitThatIsNotAWholeNumber() {
        String decimal = VALID + RATE_LIMIT.replace("maxConcurrentCalls: 64", "maxConcurrentCalls: 6.5");
        String quoted = VALID + RATE_LIMIT.replace("burst: 400", "burst: '400'");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", decimal))
                .hasMessage("t.yaml:20: tenants[1].rateLimit.maxConcurrentCalls: tenant 'jira': expected a whole"
                        + " number (0 = unlimited), found '6.5'");
        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", quoted))
                .hasMessage("t.yaml:19: tenants[1].rateLimit.tenant.burst: tenant 'jira': expected a whole"
                        + " number (0 = unlimited), found '400'");
    }

    @Test
    void namesAnUnknownFieldInTheRateLimitBlock() {
        String file = VALID + RATE_LIMIT.replace("maxConcurrentCalls: 64", "maxConcurrent: 64");

        assertThatThrownBy(() -> BootstrapFileReader.read("t.yaml", file))
                .hasMessageStartingWith("t.yaml:20: tenants[1].rateLimit.maxConcurrent: unknown field; expected one of"
                        + " maxConcurrentCalls, maxResponseBytes, perUser, tenant");
    }
}

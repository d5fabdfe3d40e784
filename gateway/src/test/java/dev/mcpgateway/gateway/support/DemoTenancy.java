package dev.mcpgateway.gateway.support;

import dev.mcpgateway.gateway.tenant.BackendType;
import dev.mcpgateway.gateway.tenant.TenancySnapshot;
import dev.mcpgateway.gateway.tenant.Tenant;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The demo tenants (gateway/src/main/resources/demo/tenants.yaml) as a snapshot, with backends chosen by the test. */
public final class DemoTenancy {

    private DemoTenancy() {
    }

    public static TenancySnapshot snapshot(String googleUrl, String microsoftUrl, String companyCUrl) {
        Tenant google = tenant("google", "Google", googleUrl, true,
                new ToolRule("write_file", RuleLevel.WRITE), new ToolRule("edit_file", RuleLevel.WRITE),
                new ToolRule("create_directory", RuleLevel.WRITE), new ToolRule("move_file", RuleLevel.ADMIN));
        Tenant microsoft = tenant("microsoft", "Microsoft", microsoftUrl, true,
                new ToolRule("write_file", RuleLevel.WRITE), new ToolRule("edit_file", RuleLevel.WRITE),
                new ToolRule("move_file", RuleLevel.DENY));
        Tenant companyC = tenant("company-c", "Company C", companyCUrl, true, new ToolRule("write_file", RuleLevel.WRITE));
        Tenant archived = tenant("archived", "Archived", googleUrl, false);
        return new TenancySnapshot(
                Map.of("google", google, "microsoft", microsoft, "company-c", companyC, "archived", archived),
                Map.of(
                        "john@company.com", Map.of("google", AccessLevel.WRITE, "microsoft", AccessLevel.WRITE),
                        "admin@company.com", Map.of("google", AccessLevel.ADMIN, "microsoft", AccessLevel.ADMIN,
                                "company-c", AccessLevel.ADMIN),
                        "sarah@google.com", Map.of("google", AccessLevel.WRITE, "archived", AccessLevel.READ),
                        "reader@google.com", Map.of("google", AccessLevel.READ),
                        "mike@microsoft.com", Map.of("microsoft", AccessLevel.WRITE),
                        "alice@companyc.com", Map.of("company-c", AccessLevel.WRITE)),
                Map.of());
    }

    private static Tenant tenant(String id, String name, String url, boolean enabled, ToolRule... rules) {
        return new Tenant(id, name, URI.create(url), BackendType.OPENAPI, enabled, false,
                new TenantPolicy(AccessLevel.READ, List.of(rules)));
    }
}

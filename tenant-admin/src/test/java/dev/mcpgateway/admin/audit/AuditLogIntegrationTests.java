package dev.mcpgateway.admin.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;

class AuditLogIntegrationTests extends AdminTestSupport {

    private void call(String user, String tenant, String tool, String decision, String when) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, kind, user_email, tenant_id, tool, decision, status, reason)
                VALUES (CAST(? AS timestamptz), 'call', ?, ?, ?, ?, 200, 'because')""")
                .params(when, user, tenant, tool, decision).update();
    }

    @Test
    void filtersByTenantUserToolDecisionAndTime() throws Exception {
        call("ada@acme.io", "acme", "read_file", "allow", "2026-01-01T10:00:00Z");
        call("rob@acme.io", "acme", "write_file", "deny", "2026-01-02T10:00:00Z");
        call("ada@acme.io", "globex", "search", "allow", "2026-01-03T10:00:00Z");

        mvc.perform(get("/audit").param("decision", "deny").with(user(ADMIN)))
                .andExpect(content().string(containsString("write_file")))
                .andExpect(content().string(not(containsString("read_file"))));
        mvc.perform(get("/audit").param("user", "ADA@acme.io").param("tenant", "globex").with(user(ADMIN)))
                .andExpect(content().string(containsString(">search<")))
                .andExpect(content().string(not(containsString("read_file"))));
        mvc.perform(get("/audit").param("from", "2026-01-01T12:00").param("to", "2026-01-02T12:00").with(user(ADMIN)))
                .andExpect(content().string(containsString("write_file")))
                .andExpect(content().string(not(containsString(">search<"))))
                .andExpect(content().string(not(containsString("read_file"))));
        mvc.perform(get("/audit").param("tool", "nothing-like-this").with(user(ADMIN)))
                .andExpect(content().string(containsString("No events")));
    }

    @Test
    void showsTheOutcomeOfChangesMadeOutsideTheDatabase() throws Exception {
        jdbc.sql("""
                INSERT INTO audit_event (kind, decision, user_email, tenant_id, action, detail, outcome)
                VALUES ('admin', 'change', 'admin', 'acme', 'credential.set', 'key api_key (value not recorded)', 'pending')""")
                .update();
        mvc.perform(get("/audit").with(user(ADMIN)))
                .andExpect(content().string(containsString("credential.set")))
                .andExpect(content().string(containsString(">pending<")));
    }

    @Test
    void selectsRateLimitedCallsAndShowsWhichProofIdentifiedEachCaller() throws Exception {
        jdbc.sql("""
                INSERT INTO audit_event (kind, user_email, tenant_id, tool, decision, status, reason, identified_by, outcome)
                VALUES ('call', 'flood@acme.io', 'acme', 'search', 'deny', 429,
                        'rate_limited: rate limit for acme reached (20 calls/s per person); retry in 1 s', 'oidc', 'rate_limited'),
                       ('call', 'calm@acme.io', 'acme', 'read_file', 'allow', 200, 'allowed', 'openwebui-jwt', NULL),
                       ('call', 'stranger@acme.io', 'acme', 'write_file', 'deny', 403, 'not a member', 'plain', NULL)""")
                .update();

        mvc.perform(get("/audit").param("outcome", "rate_limited").with(user(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("flood@acme.io")))
                .andExpect(content().string(containsString(">rate_limited<")))
                .andExpect(content().string(containsString(">oidc<")))
                .andExpect(content().string(not(containsString("calm@acme.io"))))
                .andExpect(content().string(not(containsString("stranger@acme.io"))));
        mvc.perform(get("/audit").param("decision", "deny").with(user(ADMIN)))
                .andExpect(content().string(containsString("flood@acme.io")))
                .andExpect(content().string(containsString("stranger@acme.io")))
                .andExpect(content().string(containsString(">plain<")));
        mvc.perform(get("/audit").param("outcome", "rate_limited").with(user(ADMIN)))
                .andExpect(content().string(containsString("<option value=\"rate_limited\" selected=\"selected\">")));
        mvc.perform(get("/audit").param("user", "calm@acme.io").with(user(ADMIN)))
                .andExpect(content().string(containsString(">openwebui-jwt<")));
    }

    @Test
    void refusesAnOutcomeFilterOutsideTheKnownValues() throws Exception {
        mvc.perform(get("/audit").param("outcome", "throttled'; --").with(user(ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Outcome must be one of rate_limited, pending, succeeded, failed")));
    }

    @Test
    void paginatesNewestFirstKeepingFilters() throws Exception {
        for (int i = 0; i < 30; i++) {
            call("ada@acme.io", "acme", "tool_" + i, "allow", String.format("2026-01-01T10:%02d:00Z", i));
        }
        mvc.perform(get("/audit").param("tenant", "acme").with(user(ADMIN)))
                .andExpect(content().string(containsString("tool_29")))
                .andExpect(content().string(not(containsString("tool_0<"))))
                .andExpect(content().string(containsString("page=1&amp;tenant=acme")));
        mvc.perform(get("/audit").param("tenant", "acme").param("page", "1").with(user(ADMIN)))
                .andExpect(content().string(containsString("tool_0<")));
    }

    @Test
    void isForPlatformAdminsOnly() throws Exception {
        mvc.perform(get("/audit").with(user("someone@acme.io"))).andExpect(status().isForbidden());
    }
}

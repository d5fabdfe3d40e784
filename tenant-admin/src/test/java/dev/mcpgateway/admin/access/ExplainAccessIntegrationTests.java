package dev.mcpgateway.admin.access;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import dev.mcpgateway.admin.AdminTestSupport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainAccessIntegrationTests extends AdminTestSupport {

    private static HttpServer backend;

    @BeforeAll
    static void startBackend() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] spec = """
                {"openapi": "3.1.0", "paths": {
                  "/read_file": {"post": {"operationId": "tool_read_file_post"}},
                  "/write_file": {"post": {"operationId": "tool_write_file_post"}},
                  "/delete_file": {"post": {"operationId": "tool_delete_file_post"}}}}"""
                .getBytes(StandardCharsets.UTF_8);
        backend.createContext("/openapi.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, spec.length);
            exchange.getResponseBody().write(spec);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    private void tenantWithBackend() {
        jdbc.sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', ?)")
                .param("http://127.0.0.1:" + backend.getAddress().getPort()).update();
        rule("acme", "write_file", "write");
        rule("acme", "delete_*", "deny");
        member("acme", "ada@acme.io", "write");
        member("acme", "rob@acme.io", "read");
    }

    @Test
    void explainsEveryBackendToolWithTheRuleThatDecided() throws Exception {
        tenantWithBackend();
        mvc.perform(get("/api/v1/tenants/acme/access").param("email", "Ada@Acme.io").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberLevel").value("write"))
                .andExpect(jsonPath("$.fromBackend").value(true))
                .andExpect(jsonPath("$.tools[?(@.tool == 'read_file')].allowed").value(true))
                .andExpect(jsonPath("$.tools[?(@.tool == 'read_file')].source").value("tenant default"))
                .andExpect(jsonPath("$.tools[?(@.tool == 'write_file')].allowed").value(true))
                .andExpect(jsonPath("$.tools[?(@.tool == 'write_file')].source").value("rule 'write_file'"))
                .andExpect(jsonPath("$.tools[?(@.tool == 'delete_file')].allowed").value(false))
                .andExpect(jsonPath("$.tools[?(@.tool == 'delete_file')].explanation")
                        .value("this tool is disabled for everyone (rule 'delete_*')"));
        mvc.perform(get("/access").param("tenant", "acme").param("email", "rob@acme.io").with(user(ADMIN)))
                .andExpect(content().string(containsString("requires write access, you have read (rule &#39;write_file&#39;)")));
    }

    @Test
    void acceptsTheEmailAsTheIdpPresentsItAndSaysHowItWasCompared() throws Exception {
        tenantWithBackend();

        mvc.perform(get("/api/v1/tenants/acme/access").param("email", "  ADA@Acme.IO ").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("ada@acme.io"))
                .andExpect(jsonPath("$.emailAsEntered").value("  ADA@Acme.IO "))
                .andExpect(jsonPath("$.memberLevel").value("write"));
        mvc.perform(get("/access").param("tenant", "acme").param("email", "ADA@Acme.IO").with(user(ADMIN)))
                .andExpect(content().string(containsString("Entered as <span class=\"mono\">ADA@Acme.IO</span>")))
                .andExpect(content().string(containsString("the gateway compares emails trimmed and lower-cased")))
                .andExpect(content().string(containsString("Member with <span class=\"level level-write\">write</span>")));
        mvc.perform(get("/access").param("tenant", "acme").param("email", "ada@acme.io").with(user(ADMIN)))
                .andExpect(content().string(not(containsString("Entered as"))));
    }

    @Test
    void refusesSomethingThatIsNotAnEmailWithAProblem() throws Exception {
        tenantWithBackend();

        mvc.perform(get("/api/v1/tenants/acme/access").param("email", "ada at acme").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("Not an email address: ada at acme"));
        mvc.perform(get("/access").param("tenant", "acme").param("email", "ada at acme").with(user(ADMIN)))
                .andExpect(content().string(containsString("Not an email address: ada at acme")));
    }

    @Test
    void saysTheTenantsCallLimitsForAMemberAndTheGatewayDefaultWhereUnset() throws Exception {
        tenantWithBackend();
        jdbc.sql("UPDATE tenant SET rate_limit_per_user_rps = 20, rate_limit_per_user_burst = 40,"
                + " max_concurrent_calls = 64 WHERE id = 'acme'").update();

        mvc.perform(get("/api/v1/tenants/acme/access").param("email", "ada@acme.io").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.callLimits").value("ada@acme.io may make 20 calls/s to acme (burst 40);"
                        + " all members together at the gateway's default rate; at most 64 calls at once;"
                        + " answers up to the gateway's default size."));
        mvc.perform(get("/access").param("tenant", "acme").param("email", "ada@acme.io").with(user(ADMIN)))
                .andExpect(content().string(containsString(
                        "<p id=\"call-limits\">ada@acme.io may make 20 calls/s to acme (burst 40);")));
        mvc.perform(get("/api/v1/tenants/acme/access").param("email", "stranger@acme.io")
                        .with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(jsonPath("$.memberLevel").isEmpty())
                .andExpect(jsonPath("$.callLimits").isEmpty());
    }

    @Test
    void explainsFromRulesWhenTheBackendIsUnreachable() throws Exception {
        tenant("offline", "Offline");
        rule("offline", "write_file", "admin");
        member("offline", "ada@acme.io", "write");
        mvc.perform(get("/api/v1/tenants/offline/access").param("email", "ada@acme.io").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(jsonPath("$.fromBackend").value(false))
                .andExpect(jsonPath("$.tools[0].tool").value("write_file"))
                .andExpect(jsonPath("$.tools[0].allowed").value(false))
                .andExpect(jsonPath("$.otherTools.allowed").value(true));
        mvc.perform(get("/api/v1/tenants/offline/access").param("email", "stranger@x.io").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(jsonPath("$.memberLevel").doesNotExist())
                .andExpect(jsonPath("$.otherTools.explanation").value("not a member of this tenant"));
    }

    @Test
    void explainsAnnotationLevelsForATenantThatDerivesThem() throws Exception {
        jdbc.sql("INSERT INTO tenant (id, display_name, backend_url, backend_type, default_tool_level,"
                + " tool_levels_from_annotations) VALUES ('files', 'Files', 'http://127.0.0.1:9/mcp', 'mcp', 'read', true)")
                .update();
        rule("files", "delete_file", "admin");
        member("files", "rob@acme.io", "read");

        mvc.perform(get("/api/v1/tenants/files/access").param("email", "rob@acme.io").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(jsonPath("$.fromBackend").value(false))
                .andExpect(jsonPath("$.tools[0].tool").value("delete_file"))
                .andExpect(jsonPath("$.tools[0].source").value("rule 'delete_file'"))
                .andExpect(jsonPath("$.otherTools.requiredLevel").value("write"))
                .andExpect(jsonPath("$.otherTools.allowed").value(false))
                .andExpect(jsonPath("$.otherTools.explanation").value("requires write access, you have read (tool annotations)"))
                .andExpect(jsonPath("$.otherReadOnlyTools.requiredLevel").value("read"))
                .andExpect(jsonPath("$.otherReadOnlyTools.allowed").value(true))
                .andExpect(jsonPath("$.otherReadOnlyTools.source").value("tool annotations"));
        mvc.perform(get("/access").param("tenant", "files").param("email", "rob@acme.io").with(user(ADMIN)))
                .andExpect(content().string(containsString("id=\"other-read-only-tools\"")))
                .andExpect(content().string(containsString("any other tool (not marked read-only)")))
                .andExpect(content().string(containsString("requires write access, you have read (tool annotations)")));
        mvc.perform(get("/tenants/files/rules").with(user(ADMIN)))
                .andExpect(content().string(containsString("This tenant derives tool levels from tool annotations")))
                .andExpect(content().string(not(containsString("Tools without a rule need the tenant default"))));

        // The gateway ignores the flag for openapi backends, and so does the explanation.
        jdbc.sql("UPDATE tenant SET backend_type = 'openapi' WHERE id = 'files'").update();
        mvc.perform(get("/api/v1/tenants/files/access").param("email", "rob@acme.io").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(jsonPath("$.otherTools.source").value("tenant default"))
                .andExpect(jsonPath("$.otherTools.allowed").value(true))
                .andExpect(jsonPath("$.otherReadOnlyTools").doesNotExist());
        mvc.perform(get("/tenants/files/rules").with(user(ADMIN)))
                .andExpect(content().string(containsString("Tools without a rule need the tenant default")));
    }

    @Test
    void showsBackendToolsBesideTheRules() throws Exception {
        tenantWithBackend();
        mvc.perform(get("/tenants/acme/rules").with(user(ADMIN)))
                .andExpect(content().string(containsString("id=\"backend-tools\"")))
                .andExpect(content().string(containsString("rule &#39;delete_*&#39;")));
    }
}

package dev.mcpgateway.admin;

import dev.mcpgateway.admin.signin.SignInThrottle;
import dev.mcpgateway.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of tenant-admin's integration tests: the whole app on a fresh, Flyway-migrated PostgreSQL database per
 * test class, MockMvc, a bootstrap platform admin and no Vault (credential tests add a {@code FakeVault}).
 */
@SpringBootTest(properties = {
        "spring.cloud.vault.enabled=false",
        "mcpgateway.admin.bootstrap.username=" + AdminTestSupport.ADMIN,
        "mcpgateway.admin.bootstrap.password=" + AdminTestSupport.ADMIN_PASSWORD,
})
@AutoConfigureMockMvc
public abstract class AdminTestSupport {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "correct-horse-battery";

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected SignInThrottle signInThrottle;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @BeforeEach
    void emptyTables() {
        jdbc.sql("TRUNCATE tenant, gateway_client, audit_event, api_token CASCADE").update();
        jdbc.sql("DELETE FROM admin_account WHERE username <> ?").param(ADMIN).update();
        // The context (and its in-memory sign-in counters) is shared by test classes; every test starts unthrottled.
        signInThrottle.forgetAll();
    }

    protected void tenant(String id, String displayName) {
        jdbc.sql("INSERT INTO tenant (id, display_name, backend_url) VALUES (?, ?, 'http://127.0.0.1:9')")
                .params(id, displayName).update();
    }

    protected void member(String tenant, String email, String level) {
        jdbc.sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES (?, ?, ?)")
                .params(tenant, email, level).update();
    }

    protected void rule(String tenant, String tool, String level) {
        jdbc.sql("INSERT INTO tool_rule (tenant_id, tool, level) VALUES (?, ?, ?)").params(tenant, tool, level).update();
    }

    protected Map<String, Object> lastAudit() {
        return jdbc.sql("SELECT kind, decision, user_email, tenant_id, action, detail FROM audit_event ORDER BY id DESC LIMIT 1")
                .query().singleRow();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}

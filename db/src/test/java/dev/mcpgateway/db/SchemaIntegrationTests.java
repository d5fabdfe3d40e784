package dev.mcpgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The constraints live in the database: any writer, not only the apps, is held to them. */
class SchemaIntegrationTests {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void clean() throws SQLException {
        sql("TRUNCATE tenant, gateway_client, audit_event CASCADE");
    }

    @Test
    void rejectsTenantIdOutsideSlugPattern() {
        assertThatThrownBy(() -> sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('Bad_Id', 'x', 'http://a')"))
                .hasMessageContaining("tenant_id_format");
        assertThatThrownBy(() -> sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('-x', 'x', 'http://a')"))
                .hasMessageContaining("tenant_id_format");
    }

    @Test
    void rejectsUnknownLevelsAndBackendTypes() throws SQLException {
        sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', 'http://127.0.0.1:8001')");
        assertThatThrownBy(() -> sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', 'a@x.io', 'owner')"))
                .hasMessageContaining("tenant_member_access_level_values");
        assertThatThrownBy(() -> sql("INSERT INTO tool_rule (tenant_id, tool, level) VALUES ('acme', 'x', 'allow')"))
                .hasMessageContaining("tool_rule_level_values");
        assertThatThrownBy(() -> sql("UPDATE tenant SET backend_type = 'grpc'"))
                .hasMessageContaining("tenant_backend_type_values");
        assertThatThrownBy(() -> sql("UPDATE tenant SET backend_url = 'file:///etc/passwd'"))
                .hasMessageContaining("tenant_backend_url_format");
    }

    @Test
    void holdsRateLimitsToPairsAndRanges() throws SQLException {
        sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', 'http://127.0.0.1:8001')");
        sql("UPDATE tenant SET rate_limit_per_user_rps = 20, rate_limit_per_user_burst = 40, max_concurrent_calls = 64");
        assertThatThrownBy(() -> sql("UPDATE tenant SET rate_limit_tenant_rps = 200"))
                .hasMessageContaining("tenant_rate_limit_tenant_pair");
        assertThatThrownBy(() -> sql("UPDATE tenant SET rate_limit_per_user_burst = 10"))
                .hasMessageContaining("tenant_rate_limit_per_user_pair");
        assertThatThrownBy(() -> sql("UPDATE tenant SET max_concurrent_calls = -1"))
                .hasMessageContaining("tenant_max_concurrent_calls_range");
        assertThatThrownBy(() -> sql("UPDATE tenant SET max_response_bytes = -1"))
                .hasMessageContaining("tenant_max_response_bytes_range");
    }

    @Test
    void treatsMemberEmailsCaseInsensitively() throws SQLException {
        sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', 'http://127.0.0.1:8001')");
        sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', 'Sarah@Acme.io', 'read')");
        assertThatThrownBy(() -> sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', 'sarah@acme.io', 'write')"))
                .hasMessageContaining("tenant_member_tenant_email_key");
    }

    @Test
    void refusesMembersOfUnknownTenantsAndCascadesDeletes() throws SQLException {
        assertThatThrownBy(() -> sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('nope', 'a@x.io', 'read')"))
                .hasMessageContaining("foreign key");
        sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', 'http://127.0.0.1:8001')");
        sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', 'a@x.io', 'read')");
        sql("DELETE FROM tenant WHERE id = 'acme'");
        assertThat(count("SELECT count(*) FROM tenant_member")).isZero();
    }

    @Test
    void storesOnlyHashesOfClientKeys() {
        assertThatThrownBy(() -> sql("INSERT INTO gateway_client (name, key_hash, key_prefix) VALUES ('owui', 'plain-key', 'plain')"))
                .hasMessageContaining("gateway_client_key_hash_format");
    }

    @Test
    void holdsAuditProofsAndOutcomesToTheirValues() throws SQLException {
        sql("INSERT INTO audit_event (decision, identified_by) VALUES ('allow', 'oidc'), ('allow', 'openwebui-jwt'),"
                + " ('allow', 'plain'), ('deny', NULL)");
        sql("INSERT INTO audit_event (decision, status, outcome) VALUES ('deny', 429, 'rate_limited')");
        sql("INSERT INTO audit_event (kind, decision, outcome) VALUES ('admin', 'change', 'pending')");
        assertThat(count("SELECT count(*) FROM audit_event WHERE outcome = 'rate_limited'")).isOne();
        assertThatThrownBy(() -> sql("INSERT INTO audit_event (decision, identified_by) VALUES ('allow', 'password')"))
                .hasMessageContaining("audit_event_identified_by_values");
        assertThatThrownBy(() -> sql("INSERT INTO audit_event (decision, outcome) VALUES ('deny', 'throttled')"))
                .hasMessageContaining("audit_event_outcome_values");
    }

    @Test
    void indexesTheAuditTableForItsOneWritePerCall() throws SQLException {
        // Each index costs PostgreSQL time on every gateway call (V6, docs/operations.md): adding one is a decision.
        List<String> indexes = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement st = connection.createStatement();
             var rs = st.executeQuery("""
                     SELECT i.relname, am.amname FROM pg_index x
                     JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
                     WHERE x.indrelid = 'audit_event'::regclass ORDER BY i.relname""")) {
            while (rs.next()) {
                indexes.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        assertThat(indexes).containsExactly("audit_event_occurred_at_brin brin", "audit_event_pkey btree",
                "audit_event_rate_limited_idx btree");
    }

    @Test
    void notifiesListenersWhenTenancyChanges() throws Exception {
        try (Connection listener = postgres.getPostgresDatabase().getConnection();
             Statement listen = listener.createStatement()) {
            listen.execute("LISTEN mcpgateway_tenancy");
            sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', 'http://127.0.0.1:8001')");
            PGNotification[] notifications = listener.unwrap(PGConnection.class)
                    .getNotifications((int) TimeUnit.SECONDS.toMillis(5));
            assertThat(notifications).isNotNull();
            assertThat(notifications[0].getParameter()).isEqualTo("tenant");
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement st = connection.createStatement()) {
            st.execute(statement);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement st = connection.createStatement();
             var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package dev.mcpgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.db.TenancyWriter.Member;
import dev.mcpgateway.db.TenancyWriter.Rule;
import dev.mcpgateway.db.TenancyWriter.TenantRow;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenancyWriterIntegrationTests {

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
    void tenants() throws SQLException {
        sql("TRUNCATE tenant CASCADE");
        sql("INSERT INTO tenant (id, display_name, backend_url) VALUES ('google', 'Google', 'http://g'),"
                + " ('acme', 'Acme', 'http://a')");
    }

    @Test
    void upsertsTenantsAndChangesOnlyThoseWhoseValuesDiffer() throws SQLException {
        TenantRow jira = tenant("jira", "http://j", null);
        try (Connection connection = connection()) {
            assertThat(TenancyWriter.upsertTenants(connection, List.of(jira, tenant("google", "http://g", null))))
                    .as("jira created; google unchanged").isOne();
            assertThat(TenancyWriter.upsertTenants(connection, List.of(jira))).isZero();
            assertThat(TenancyWriter.upsertTenants(connection, List.of(tenant("jira", "http://j", 8)))).isOne();
        }
        assertThat(rows("SELECT id || ':' || coalesce(max_concurrent_calls::text, 'default') FROM tenant ORDER BY id"))
                .containsExactly("acme:default", "google:default", "jira:8");
    }

    @Test
    void insertsATenantOnceAndUpdatesItOnlyWhenAValueDiffers() throws SQLException {
        try (Connection connection = connection()) {
            TenancyWriter.insertTenant(connection, tenant("jira", "http://j", null));
            assertThatThrownBy(() -> TenancyWriter.insertTenant(connection, tenant("jira", "http://other", null)))
                    .isInstanceOf(SQLException.class);
            assertThat(TenancyWriter.updateTenant(connection, tenant("jira", "http://j", null))).isFalse();
            assertThat(TenancyWriter.updateTenant(connection, tenant("jira", "http://j2", 0))).isTrue();
        }
        assertThat(rows("SELECT backend_url || ':' || max_concurrent_calls FROM tenant WHERE id = 'jira'"))
                .containsExactly("http://j2:0");
    }

    @Test
    void changesAMemberOnlyWhenTheLevelDiffersWhateverTheCaseOfTheAddress() throws SQLException {
        try (Connection connection = connection()) {
            assertThat(TenancyWriter.upsertMembers(connection, List.of(new Member("google", "Ada@Google.com", "read"))))
                    .isOne();
            assertThat(TenancyWriter.upsertMembers(connection, List.of(new Member("google", "ada@google.com", "read"))))
                    .as("same level: no write, so no NOTIFY").isZero();
            assertThat(TenancyWriter.upsertMembers(connection, List.of(new Member("google", "ada@google.com", "write"))))
                    .isOne();
        }
        assertThat(rows("SELECT email || ':' || access_level FROM tenant_member")).containsExactly("Ada@Google.com:write");
    }

    @Test
    void removesOnlyTheMembersOfTheListedTenantsThatTheListLacks() throws SQLException {
        try (Connection connection = connection()) {
            TenancyWriter.upsertMembers(connection, List.of(new Member("google", "ada@google.com", "read"),
                    new Member("google", "bob@google.com", "read"), new Member("acme", "eve@acme.io", "read")));

            int removed = TenancyWriter.deleteMembersNotListed(connection, List.of("google"),
                    List.of(new Member("google", "ada@google.com", "read")));

            assertThat(removed).isOne();
            assertThat(TenancyWriter.deleteMember(connection, "acme", "EVE@acme.io")).isTrue();
            assertThat(TenancyWriter.deleteMember(connection, "acme", "eve@acme.io")).isFalse();
        }
        assertThat(rows("SELECT tenant_id || ':' || email FROM tenant_member")).containsExactly("google:ada@google.com");
    }

    @Test
    void upsertsAndReplacesToolRules() throws SQLException {
        try (Connection connection = connection()) {
            assertThat(TenancyWriter.upsertRules(connection, List.of(new Rule("google", "write_file", "write"),
                    new Rule("google", "delete_*", "deny")))).isEqualTo(2);
            assertThat(TenancyWriter.upsertRules(connection, List.of(new Rule("google", "write_file", "write"))))
                    .isZero();
            assertThat(TenancyWriter.upsertRules(connection, List.of(new Rule("google", "write_file", "admin"))))
                    .isOne();
            assertThat(TenancyWriter.deleteRulesNotListed(connection, Set.of("google"),
                    List.of(new Rule("google", "write_file", "admin")))).isOne();
            assertThat(TenancyWriter.deleteRule(connection, "google", "write_file")).isTrue();
        }
        assertThat(rows("SELECT tool FROM tool_rule")).isEmpty();
    }

    private static TenantRow tenant(String id, String url, Integer maxConcurrentCalls) {
        return new TenantRow(id, id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1), url, "openapi", true, "read", false, null, null,
                null, null, maxConcurrentCalls, null);
    }

    private static Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private static void sql(String sql) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}

package dev.mcpgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.db.TenancyWriter.Member;
import dev.mcpgateway.db.TenancyWriter.Rule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

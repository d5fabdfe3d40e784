package dev.mcpgateway.admin.member;

import dev.mcpgateway.db.TenancyWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code tenant_member}; emails are compared case-insensitively, as the unique index does. Writes go
 * through the {@link TenancyWriter} the gateway's bootstrap file uses too.
 */
@Repository
class MemberRepository {

    private static final String SELECT = "SELECT tenant_id, email, access_level, created_at, updated_at FROM tenant_member";

    private final JdbcClient jdbc;
    private final JdbcTemplate writes;

    MemberRepository(JdbcClient jdbc, JdbcTemplate writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    List<Member> list(String tenantId) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? ORDER BY lower(email)").param(tenantId)
                .query(MemberRepository::map).list();
    }

    Optional<Member> find(String tenantId, String email) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND lower(email) = lower(?)").params(tenantId, email)
                .query(MemberRepository::map).optional();
    }

    /** Adds the member, or sets the level of the existing one (whatever the case of its stored address). */
    void put(String tenantId, String email, String level) {
        writes.execute((ConnectionCallback<Integer>) connection -> TenancyWriter.upsertMembers(connection,
                List.of(new TenancyWriter.Member(tenantId, email, level))));
    }

    boolean delete(String tenantId, String email) {
        return Boolean.TRUE.equals(writes.execute((ConnectionCallback<Boolean>) connection ->
                TenancyWriter.deleteMember(connection, tenantId, email)));
    }

    List<Membership> byEmail(String email) {
        return jdbc.sql("""
                SELECT m.tenant_id, t.display_name, m.access_level, t.enabled
                FROM tenant_member m JOIN tenant t ON t.id = m.tenant_id
                WHERE lower(m.email) = lower(?) ORDER BY m.tenant_id""")
                .param(email)
                .query((rs, row) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    private static Member map(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getString("tenant_id"), rs.getString("email"), rs.getString("access_level"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}

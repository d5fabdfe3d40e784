package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.admin.system.Page;
import dev.mcpgateway.db.TenancyWriter;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code tenant}, writes through the {@link TenancyWriter} the bootstrap file uses too; the schema's
 * triggers tell the gateway about every write.
 */
@Repository
public class TenantRepository {

    private static final String SELECT = """
            SELECT t.id, t.display_name, t.backend_url, t.backend_type, t.enabled, t.default_tool_level,
                   t.tool_levels_from_annotations, t.rate_limit_per_user_rps, t.rate_limit_per_user_burst,
                   t.rate_limit_tenant_rps, t.rate_limit_tenant_burst, t.max_concurrent_calls, t.max_response_bytes,
                   t.created_at, t.updated_at,
                   (SELECT count(*) FROM tenant_member m WHERE m.tenant_id = t.id) AS member_count
            FROM tenant t
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate writes;

    TenantRepository(JdbcClient jdbc, JdbcTemplate writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    public Optional<Tenant> find(String id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(TenantRepository::map).optional();
    }

    public boolean exists(String id) {
        return jdbc.sql("SELECT count(*) FROM tenant WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Tenants whose id or display name contains {@code query}, limited to {@code visible} unless it is null. */
    public Page<Tenant> search(String query, Collection<String> visible, int page, int size) {
        String where = " WHERE (:q = '' OR t.id ILIKE :like OR t.display_name ILIKE :like)"
                + (visible == null ? "" : " AND t.id IN (:visible)");
        if (visible != null && visible.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        String q = query == null ? "" : query.trim();
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<String> visibleIds = visible == null ? List.of() : List.copyOf(visible);
        long total = jdbc.sql("SELECT count(*) FROM tenant t" + where)
                .param("q", q).param("like", like).param("visible", visibleIds)
                .query(Long.class).single();
        List<Tenant> items = jdbc.sql(SELECT + where + " ORDER BY t.id LIMIT :limit OFFSET :offset")
                .param("q", q).param("like", like).param("visible", visibleIds)
                .param("limit", size).param("offset", (long) page * size)
                .query(TenantRepository::map).list();
        return new Page<>(items, page, size, total);
    }

    /** Every tenant id, for filters and pickers. */
    public List<String> ids() {
        return jdbc.sql("SELECT id FROM tenant ORDER BY id").query(String.class).list();
    }

    /** Creates the tenant; an existing id is a unique violation (the service answers 409). */
    void insert(TenantForm form) {
        writes.execute((ConnectionCallback<Void>) connection -> {
            TenancyWriter.insertTenant(connection, row(form));
            return null;
        });
    }

    /** Updates every field but the id (the form's id names the row); true when the row changed. */
    boolean update(TenantForm form) {
        return Boolean.TRUE.equals(writes.execute((ConnectionCallback<Boolean>) connection ->
                TenancyWriter.updateTenant(connection, row(form))));
    }

    /** The form as the row {@link TenancyWriter} writes; a rate limit part left blank is NULL (the gateway's default). */
    private static TenancyWriter.TenantRow row(TenantForm form) {
        RateLimits limits = form.getRateLimit().toRateLimits();
        return new TenancyWriter.TenantRow(form.getId(), form.getDisplayName(), form.getBackendUrl(),
                form.getBackendType(), form.isEnabled(), form.getDefaultToolLevel(), form.isToolLevelsFromAnnotations(),
                limits.perUser() == null ? null : limits.perUser().requestsPerSecond(),
                limits.perUser() == null ? null : limits.perUser().burst(),
                limits.tenant() == null ? null : limits.tenant().requestsPerSecond(),
                limits.tenant() == null ? null : limits.tenant().burst(),
                limits.maxConcurrentCalls(), limits.maxResponseBytes());
    }

    boolean setEnabled(String id, boolean enabled) {
        return jdbc.sql("UPDATE tenant SET enabled = ? WHERE id = ? AND enabled <> ?")
                .params(enabled, id, enabled).update() > 0;
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM tenant WHERE id = ?").param(id).update() > 0;
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("display_name"), rs.getString("backend_url"),
                rs.getString("backend_type"), rs.getBoolean("enabled"), rs.getString("default_tool_level"),
                rs.getBoolean("tool_levels_from_annotations"), rateLimits(rs), rs.getInt("member_count"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static RateLimits rateLimits(ResultSet rs) throws SQLException {
        return new RateLimits(bucket(rs, "rate_limit_per_user_rps", "rate_limit_per_user_burst"),
                bucket(rs, "rate_limit_tenant_rps", "rate_limit_tenant_burst"),
                rs.getObject("max_concurrent_calls", Integer.class), rs.getObject("max_response_bytes", Long.class));
    }

    /** The schema stores a bucket's two numbers both or neither ({@code tenant_rate_limit_*_pair}). */
    private static Bucket bucket(ResultSet rs, String rateColumn, String burstColumn) throws SQLException {
        Integer rate = rs.getObject(rateColumn, Integer.class);
        Integer burst = rs.getObject(burstColumn, Integer.class);
        return rate == null || burst == null ? null : new Bucket(rate, burst);
    }
}

package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.admin.system.Page;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code tenant}; the schema's triggers tell the gateway about every write. */
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

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    void insert(TenantForm form) {
        jdbc.sql("""
                INSERT INTO tenant (id, display_name, backend_url, backend_type, enabled, default_tool_level,
                                    tool_levels_from_annotations, rate_limit_per_user_rps, rate_limit_per_user_burst,
                                    rate_limit_tenant_rps, rate_limit_tenant_burst, max_concurrent_calls,
                                    max_response_bytes)
                VALUES (:id, :displayName, :backendUrl, :backendType, :enabled, :defaultToolLevel,
                        :toolLevelsFromAnnotations, :perUserRps, :perUserBurst, :tenantRps, :tenantBurst,
                        :maxConcurrentCalls, :maxResponseBytes)""")
                .params(params(form)).update();
    }

    /** Updates every field but the id (the form's id names the row); true when the row changed. */
    boolean update(TenantForm form) {
        return jdbc.sql("""
                UPDATE tenant SET display_name = :displayName, backend_url = :backendUrl, backend_type = :backendType,
                       enabled = :enabled, default_tool_level = :defaultToolLevel,
                       tool_levels_from_annotations = :toolLevelsFromAnnotations,
                       rate_limit_per_user_rps = :perUserRps, rate_limit_per_user_burst = :perUserBurst,
                       rate_limit_tenant_rps = :tenantRps, rate_limit_tenant_burst = :tenantBurst,
                       max_concurrent_calls = :maxConcurrentCalls, max_response_bytes = :maxResponseBytes
                WHERE id = :id AND (display_name, backend_url, backend_type, enabled, default_tool_level,
                                    tool_levels_from_annotations, rate_limit_per_user_rps, rate_limit_per_user_burst,
                                    rate_limit_tenant_rps, rate_limit_tenant_burst, max_concurrent_calls,
                                    max_response_bytes)
                      IS DISTINCT FROM (:displayName, :backendUrl, :backendType, :enabled, :defaultToolLevel,
                                        :toolLevelsFromAnnotations, :perUserRps::integer, :perUserBurst::integer,
                                        :tenantRps::integer, :tenantBurst::integer, :maxConcurrentCalls::integer,
                                        :maxResponseBytes::bigint)""")
                .params(params(form)).update() > 0;
    }

    /** The form as named parameters; a rate limit part left blank is stored as NULL (the gateway's default). */
    private static Map<String, Object> params(TenantForm form) {
        RateLimits limits = form.getRateLimit().toRateLimits();
        Map<String, Object> params = new HashMap<>();
        params.put("id", form.getId());
        params.put("displayName", form.getDisplayName());
        params.put("backendUrl", form.getBackendUrl());
        params.put("backendType", form.getBackendType());
        params.put("enabled", form.isEnabled());
        params.put("defaultToolLevel", form.getDefaultToolLevel());
        params.put("toolLevelsFromAnnotations", form.isToolLevelsFromAnnotations());
        params.put("perUserRps", limits.perUser() == null ? null : limits.perUser().requestsPerSecond());
        params.put("perUserBurst", limits.perUser() == null ? null : limits.perUser().burst());
        params.put("tenantRps", limits.tenant() == null ? null : limits.tenant().requestsPerSecond());
        params.put("tenantBurst", limits.tenant() == null ? null : limits.tenant().burst());
        params.put("maxConcurrentCalls", limits.maxConcurrentCalls());
        params.put("maxResponseBytes", limits.maxResponseBytes());
        return params;
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

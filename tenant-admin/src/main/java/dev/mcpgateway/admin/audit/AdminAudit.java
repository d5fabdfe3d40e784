package dev.mcpgateway.admin.audit;

import dev.mcpgateway.admin.system.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records control-plane changes in {@code audit_event} (kind {@code admin}, decision {@code change}) inside the
 * caller's transaction, so a change and its record commit together. Details never contain secret values.
 */
@Component
public class AdminAudit {

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;

    AdminAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param action e.g. {@code tenant.create}, {@code member.remove}
     * @param tenant the tenant concerned, or {@code null}
     * @param detail a short description without secrets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, String action, String tenant, String detail) {
        String safeDetail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("""
                INSERT INTO audit_event (kind, decision, user_email, tenant_id, action, detail)
                VALUES ('admin', 'change', :actor, :tenant, :action, :detail)""")
                .param("actor", actor.name())
                .param("tenant", tenant)
                .param("action", action)
                .param("detail", safeDetail)
                .update();
    }
}

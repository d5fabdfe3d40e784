package dev.mcpgateway.admin.audit;

import dev.mcpgateway.admin.system.Actor;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits a change to something outside this database (Vault), which no database transaction can roll back: the
 * audit row is committed as {@code pending} before the change is made and then marked {@code succeeded} or
 * {@code failed}. A row left {@code pending} (process killed, database gone meanwhile) says the change may have happened.
 */
@Component
public class AuditedExternalChange {

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    AuditedExternalChange(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records the intent, runs {@code change} and records its outcome; the change's exception is rethrown. Must not
     * run inside a transaction that could still roll the pending row back (it uses its own).
     *
     * @param detail a short description without secrets
     */
    public <T> T run(Actor actor, String action, String tenant, String detail, Supplier<T> change) {
        long id = recordPending(actor, action, tenant, detail);
        T result;
        try {
            result = change.get();
        } catch (RuntimeException | Error e) {
            // The exception's class only: messages of client libraries can quote request or response bodies.
            markOutcome(id, "failed", " - failed: " + e.getClass().getSimpleName());
            throw e;
        }
        markOutcome(id, "succeeded", "");
        return result;
    }

    private long recordPending(Actor actor, String action, String tenant, String detail) {
        String safeDetail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        Long id = ownTransaction.execute(status -> jdbc.sql("""
                        INSERT INTO audit_event (kind, decision, user_email, tenant_id, action, detail, outcome)
                        VALUES ('admin', 'change', :actor, :tenant, :action, :detail, 'pending') RETURNING id""")
                .param("actor", actor.name())
                .param("tenant", tenant)
                .param("action", action)
                .param("detail", safeDetail)
                .query(Long.class).single());
        return id;
    }

    private void markOutcome(long id, String outcome, String note) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE audit_event SET outcome = :outcome, detail = left(coalesce(detail, '') || :note, :max)
                        WHERE id = :id""")
                .param("outcome", outcome).param("note", note).param("max", MAX_DETAIL).param("id", id)
                .update());
    }
}

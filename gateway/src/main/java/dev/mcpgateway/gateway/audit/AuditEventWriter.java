package dev.mcpgateway.gateway.audit;

import java.util.List;

/** Stores a batch of audit events; called only from the audit log's own thread. */
interface AuditEventWriter {

    void write(List<AuditEvent> batch);
}

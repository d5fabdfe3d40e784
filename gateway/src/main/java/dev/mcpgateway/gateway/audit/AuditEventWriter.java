package dev.mcpgateway.gateway.audit;

import java.util.List;

/** Stores audit events in transactions they are sent into as they come; used only from the audit log's own thread. */
interface AuditEventWriter {

    /** Opens a transaction. */
    Transaction begin();

    /** One open transaction: what is sent goes to the database at once and is stored when it commits. */
    interface Transaction {

        void send(List<AuditEvent> events);

        /** Stores everything sent. */
        void commit();

        /** Gives up: nothing sent is stored. Never throws. */
        void abandon();
    }
}

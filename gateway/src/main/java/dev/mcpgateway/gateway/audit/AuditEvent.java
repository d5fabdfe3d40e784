package dev.mcpgateway.gateway.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * One gateway decision about one call, as stored in {@code audit_event} (kind {@code call}). Never holds secrets:
 * no headers, no bodies, no credentials. Free-text fields are cut to {@value #MAX_TEXT} characters.
 *
 * @param occurredAt when the call arrived
 * @param userEmail  the verified caller's email, or {@code null} when the caller proved none
 * @param userId     Open WebUI's user id, when known
 * @param tenantId   the tenant called (only a well-formed tenant id), or {@code null}
 * @param tool       the tool called, or {@code null}
 * @param decision   allow, deny or error
 * @param status     the HTTP status answered, or {@code null} when the client went away first
 * @param reason     why, in one sentence
 * @param latencyMs  time from arrival to the end of the response
 * @param chatId     Open WebUI's chat id, when sent
 * @param messageId  Open WebUI's message id, when sent
 * @param client     the name of the client key used, when one was
 * @param identifiedBy which proof identified the caller ({@code openwebui-jwt}, {@code oidc}, {@code plain}), or
 *                   {@code null} when none did
 * @param rateLimited whether a rate or concurrency limit refused the call (stored as outcome {@code rate_limited};
 *                   the decision stays {@code deny})
 */
public record AuditEvent(Instant occurredAt, String userEmail, String userId, String tenantId, String tool,
                         Decision decision, Integer status, String reason, Integer latencyMs,
                         String chatId, String messageId, String client, String identifiedBy, boolean rateLimited) {

    static final int MAX_TEXT = 512;

    public AuditEvent {
        userEmail = limit(userEmail);
        userId = limit(userId);
        tenantId = limit(tenantId);
        tool = limit(tool);
        reason = limit(reason);
        chatId = limit(chatId);
        messageId = limit(messageId);
        client = limit(client);
    }

    /** The {@code audit_event.decision} values a call can have. */
    public enum Decision {
        ALLOW, DENY, ERROR;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static String limit(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}

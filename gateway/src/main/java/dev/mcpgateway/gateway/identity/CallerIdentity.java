package dev.mcpgateway.gateway.identity;

/**
 * Who is calling, resolved once per request from a verified source (IdP access token, signed Open WebUI JWT, or
 * trusted plain headers behind a valid client key). {@code email} is lower-case. {@code client} names the client key
 * used, or is {@code null}. {@code identifiedBy} names the proof: {@link #PROOF_OIDC}, {@link #PROOF_OPENWEBUI_JWT}
 * or {@link #PROOF_PLAIN}.
 */
public record CallerIdentity(String email, String userId, String name, String role,
                             String chatId, String messageId, String client, String identifiedBy) {

    /** The exchange attribute under which the resolved identity is kept. */
    public static final String ATTRIBUTE = CallerIdentity.class.getName();

    /** The identity resolved for this exchange, or {@code null} when the caller proved none. */
    public static CallerIdentity of(org.springframework.web.server.ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /**
     * The exchange attribute holding the name of the client key the request presented, also when it proved no user
     * (e.g. Open WebUI fetching a spec); absent when no valid key was presented.
     */
    public static final String CLIENT_ATTRIBUTE = CallerIdentity.class.getName() + ".client";

    /** The name of the client key this exchange presented, or {@code null}. */
    public static String clientOf(org.springframework.web.server.ServerWebExchange exchange) {
        return exchange.getAttribute(CLIENT_ATTRIBUTE);
    }

    /** The proofs a caller can identify with, as {@code /tenants} and {@code audit_event.identified_by} name them. */
    public static final String PROOF_OIDC = "oidc";
    public static final String PROOF_OPENWEBUI_JWT = "openwebui-jwt";
    public static final String PROOF_PLAIN = "plain";

    /** Which proof identified this exchange's caller, or {@code null} when none did. */
    public static String proofOf(org.springframework.web.server.ServerWebExchange exchange) {
        CallerIdentity caller = of(exchange);
        return caller == null ? null : caller.identifiedBy();
    }
}

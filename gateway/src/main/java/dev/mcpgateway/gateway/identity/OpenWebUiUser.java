package dev.mcpgateway.gateway.identity;

/**
 * The user claims of a verified {@code X-OpenWebUI-User-Jwt}.
 *
 * @param email         lower-case
 * @param userId        the {@code sub} claim, Open WebUI's user id
 * @param expiresAtMillis the token's {@code exp}, in epoch milliseconds
 */
record OpenWebUiUser(String email, String userId, String name, String role, long expiresAtMillis) {
}

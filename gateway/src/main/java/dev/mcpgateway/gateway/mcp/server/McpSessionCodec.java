package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@link McpSession} into an opaque {@code Mcp-Session-Id} and back: AES-GCM with a key every replica shares
 * ({@code mcpgateway.mcp.session-key}), so the id is self-contained, cannot be read (it may hold a backend's session
 * id) and cannot be forged or altered. A fresh random nonce per id.
 */
@Component
class McpSessionCodec {

    private static final Logger log = LoggerFactory.getLogger(McpSessionCodec.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "v1.";
    private static final byte[] ASSOCIATED_DATA = "mcpgateway-mcp-session-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Ids longer than this are not ours (a backend session id is at most a few hundred characters). */
    private static final int MAX_ID_LENGTH = 4096;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    McpSessionCodec(GatewayProperties properties) {
        this(keyFrom(properties.mcp().sessionKey()));
    }

    McpSessionCodec(SecretKey key) {
        this.key = key;
    }

    /** The session id for {@code session}: {@code v1.} followed by base64url(nonce, ciphertext, tag). */
    String seal(McpSession session) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("e", session.email());
        claims.put("v", session.protocolVersion());
        claims.put("x", session.expiresAt().getEpochSecond());
        if (session.tenant() != null) {
            claims.put("t", session.tenant());
        }
        if (session.backendSessionId() != null) {
            claims.put("b", session.backendSessionId());
        }
        byte[] plain = JSON.writeValueAsBytes(claims);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always available", e);
        }
    }

    /** The session inside {@code id}, or empty when it is not an id this gateway (with this key) issued. */
    Optional<McpSession> open(String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(id.substring(PREFIX.length()));
            if (raw.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            JsonNode claims = JSON.readTree(plain);
            return Optional.of(new McpSession(claims.path("e").asString(), claims.path("v").asString(),
                    Instant.ofEpochSecond(claims.path("x").asLong()),
                    claims.hasNonNull("t") ? claims.get("t").asString() : null,
                    claims.hasNonNull("b") ? claims.get("b").asString() : null));
        } catch (IllegalArgumentException | GeneralSecurityException | tools.jackson.core.JacksonException e) {
            return Optional.empty();
        }
    }

    static SecretKey keyFrom(String base64) {
        if (base64 == null || base64.isBlank()) {
            log.warn("mcpgateway.mcp.session-key is not set: MCP session ids are encrypted with a random key of this "
                    + "process, so they are not valid on other replicas or after a restart. Set the same key on every replica.");
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            return new SecretKeySpec(generated, "AES");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mcpgateway.mcp.session-key must be base64 (e.g. `openssl rand -base64 32`)");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("mcpgateway.mcp.session-key must decode to 16, 24 or 32 bytes (was "
                    + bytes.length + "); generate one with `openssl rand -base64 32`");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}

package dev.mcpgateway.gateway;

import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;

/**
 * Callers the way a trusted Open WebUI instance sends them when its forwarded user headers are trusted: a client
 * key plus {@code X-OpenWebUI-User-Email}. Tests that start the gateway add {@link #PROPERTIES}.
 */
public final class TestCallers {

    public static final String CLIENT_KEY = "directory-tests-client-key-0123456789";

    /** Accept {@link #CLIENT_KEY} and trust plain user headers sent with it. */
    public static final String CLIENT_KEY_PROPERTY = "mcpgateway.security.client-keys=" + CLIENT_KEY;
    public static final String TRUST_PLAIN_HEADERS_PROPERTY = "mcpgateway.identity.trust-plain-headers=true";

    private TestCallers() {
    }

    /** The headers of a call made for {@code email} through a trusted client. */
    public static Consumer<HttpHeaders> as(String email) {
        return headers -> {
            headers.setBearerAuth(CLIENT_KEY);
            headers.set("X-OpenWebUI-User-Email", email);
        };
    }

    /** A trusted client calling without any user. */
    public static Consumer<HttpHeaders> anonymousClient() {
        return headers -> headers.setBearerAuth(CLIENT_KEY);
    }
}

package dev.mcpgateway.gateway.support;

import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The actuator's own port ({@code management.server.port}) of a running gateway: health groups and prometheus. */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** A client for the management port of the gateway whose environment this is. */
    public static WebTestClient client(Environment environment) {
        String port = environment.getProperty("local.management.port");
        if (port == null || port.equals(environment.getProperty("local.server.port"))) {
            throw new IllegalStateException("the gateway has no management port of its own");
        }
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}

package dev.mcpgateway.gateway.identity;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl the gateway's URL as clients reach it (e.g. {@code https://tools.example.com}): the base of the
 *                      resource identifiers in OAuth protected resource metadata; derived from each request when unset
 */
@ConfigurationProperties("mcpgateway")
public record PublicBaseUrlProperties(URI publicBaseUrl) {

    public PublicBaseUrlProperties {
        if (publicBaseUrl != null && (publicBaseUrl.getHost() == null
                || !("https".equals(publicBaseUrl.getScheme()) || "http".equals(publicBaseUrl.getScheme()))
                || publicBaseUrl.getQuery() != null || publicBaseUrl.getFragment() != null)) {
            throw new IllegalArgumentException("mcpgateway.public-base-url must be an absolute http(s) URL without query "
                    + "or fragment, e.g. https://tools.example.com");
        }
    }
}

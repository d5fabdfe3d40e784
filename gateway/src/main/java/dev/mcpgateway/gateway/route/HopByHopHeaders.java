package dev.mcpgateway.gateway.route;

import dev.mcpgateway.gateway.identity.RequestHeaderNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * The headers that describe one connection, not the message (RFC 9110 section 7.6.1), which a proxy never passes on:
 * the fixed list Spring Cloud Gateway's {@code RemoveHopByHopHeadersFilter} removes by default, and every header the
 * message's {@code Connection} header names.
 */
final class HopByHopHeaders {

    /** Spring Cloud Gateway's default list, in lower case. */
    static final List<String> ALWAYS = List.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "proxy-authorization", "proxy-authenticate", "x-application-context", "upgrade");

    private final List<String> connectionOptions;

    private HopByHopHeaders(List<String> connectionOptions) {
        this.connectionOptions = connectionOptions;
    }

    /** The hop-by-hop headers of a message whose {@code Connection} header has {@code connectionValues}. */
    static HopByHopHeaders of(List<String> connectionValues) {
        if (connectionValues.isEmpty()) {
            return new HopByHopHeaders(List.of());
        }
        List<String> options = new ArrayList<>(2);
        for (String value : connectionValues) {
            for (String option : value.split(",")) {
                String name = option.trim();
                if (!name.isEmpty()) {
                    options.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new HopByHopHeaders(options);
    }

    /** Whether a header of this name belongs to the connection only. */
    boolean contains(CharSequence name) {
        return anyEqualsIgnoringCase(ALWAYS, name) || anyEqualsIgnoringCase(connectionOptions, name);
    }

    /** Removes every hop-by-hop header from {@code headers}. */
    void removeFrom(HttpHeaders headers) {
        ALWAYS.forEach(headers::remove);
        connectionOptions.forEach(headers::remove);
    }

    private static boolean anyEqualsIgnoringCase(List<String> names, CharSequence name) {
        for (int i = 0; i < names.size(); i++) {
            if (RequestHeaderNames.equalsIgnoringCase(name, names.get(i))) {
                return true;
            }
        }
        return false;
    }
}

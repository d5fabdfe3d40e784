package dev.mcpgateway.gateway.identity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The names of the headers a caller sent that pass a test, for filters that remove them from what a backend gets,
 * and the request's headers as Reactor Netty delivered them. A request no filter has mutated is walked in Netty's
 * own headers: Spring Framework 7's {@code HttpHeaders} builds a case-insensitive set of every name for each
 * {@code forEach} or {@code headerNames()}, which on a tool call happened twice (about 3 KB and a few microseconds
 * per call, BENCHMARKS.md). Any other request (mutated, or a test's mock) is read through its {@code HttpHeaders}.
 * Kept by hand because neither Spring nor Netty offers a filtered walk over header names.
 */
public final class RequestHeaderNames {

    /** Spring's adapter of a Reactor Netty request (package-private), whose headers are Netty's own. */
    private static final Class<?> REACTOR_NETTY_REQUEST = ClassUtils.resolveClassName(
            "org.springframework.http.server.reactive.ReactorServerHttpRequest", RequestHeaderNames.class.getClassLoader());

    private RequestHeaderNames() {
    }

    /** The names, as sent, of the request's headers whose name passes {@code test}; each name once. */
    public static List<String> matching(ServerHttpRequest request, Predicate<CharSequence> test) {
        List<String> names = new ArrayList<>(4);
        io.netty.handler.codec.http.HttpHeaders delivered = asDelivered(request);
        if (delivered != null) {
            Iterator<Map.Entry<CharSequence, CharSequence>> headers = delivered.iteratorCharSequence();
            while (headers.hasNext()) {
                CharSequence name = headers.next().getKey();
                if (test.test(name)) {
                    add(names, name.toString());
                }
            }
        } else {
            request.getHeaders().forEach((name, values) -> {
                if (test.test(name)) {
                    add(names, name);
                }
            });
        }
        return names;
    }

    /**
     * Reactor Netty's own headers of {@code request} when it is the request exactly as Reactor Netty delivered it, so
     * that they are what {@code request.getHeaders()} reads; {@code null} for any other request, such as one a filter
     * mutated (its headers are a copy that may differ) or a test's mock.
     */
    public static io.netty.handler.codec.http.HttpHeaders asDelivered(ServerHttpRequest request) {
        // The class test first: asking a mock request for its native request would throw.
        if (request.getClass() == REACTOR_NETTY_REQUEST
                && ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty) {
            return netty.requestHeaders();
        }
        return null;
    }

    /** Whether {@code name} starts with {@code prefix}, ignoring case. */
    public static boolean startsWithIgnoringCase(CharSequence name, String prefix) {
        if (name.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char a = name.charAt(i);
            char b = prefix.charAt(i);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is {@code other}, ignoring case. */
    public static boolean equalsIgnoringCase(CharSequence name, String other) {
        return name.length() == other.length() && startsWithIgnoringCase(name, other);
    }

    private static void add(List<String> names, String name) {
        for (String known : names) {
            if (known.equalsIgnoreCase(name)) {
                return;
            }
        }
        names.add(name);
    }
}

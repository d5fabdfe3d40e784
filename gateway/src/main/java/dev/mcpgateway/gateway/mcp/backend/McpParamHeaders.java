package dev.mcpgateway.gateway.mcp.backend;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * The {@code Mcp-Param-<Name>} headers a stateless (2026-07-28) server demands on a {@code tools/call} for each argument
 * its tool declares with {@code "x-mcp-header": "<Name>"} in the input schema (SEP-2243, as the TypeScript SDK v2
 * checks them): the argument's value as text, Base64-wrapped ({@code =?base64?…?=}) when it is not plain visible ASCII.
 * Kept here because no Java library emits them yet.
 */
final class McpParamHeaders {

    static final String PREFIX = "Mcp-Param-";
    private static final String DECLARATION = "x-mcp-header";
    private static final Set<String> PRIMITIVES = Set.of("string", "integer", "number", "boolean");
    /** An RFC 9110 token: what a header name may be made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PLAIN = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");

    private McpParamHeaders() {
    }

    /** The headers for calling a tool with {@code inputSchema} with {@code arguments}; empty when it declares none. */
    static HttpHeaders of(Map<String, Object> inputSchema, Map<String, Object> arguments) {
        HttpHeaders headers = new HttpHeaders();
        add(inputSchema, arguments, headers);
        return headers;
    }

    /** Walks {@code properties} only: a declaration anywhere else is not one the server honours either. */
    private static void add(Map<String, Object> schema, Map<String, Object> arguments, HttpHeaders headers) {
        if (!(schema.get("properties") instanceof Map<?, ?> properties) || arguments == null) {
            return;
        }
        properties.forEach((key, child) -> {
            if (!(child instanceof Map<?, ?> property)) {
                return;
            }
            Object value = arguments.get(key);
            if (property.get(DECLARATION) instanceof String name && TOKEN.matcher(name).matches()
                    && property.get("type") instanceof String type && PRIMITIVES.contains(type)) {
                String text = text(value);
                if (text != null) {
                    headers.set(PREFIX + name, encoded(text));
                }
            }
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> childSchema = (Map<String, Object>) property;
                @SuppressWarnings("unchecked")
                Map<String, Object> childArguments = (Map<String, Object>) nested;
                add(childSchema, childArguments, headers);
            }
        });
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 ? Long.toString((long) d) : n.toString();
        }
        return null;
    }

    private static String encoded(String text) {
        return PLAIN.matcher(text).matches() ? text
                : "=?base64?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}

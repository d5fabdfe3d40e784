package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.policy.ToolNames;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out operationIds that are unique within one document. The first operation of a tool gets the plain
 * qualified name ({@code google__read_file}); a second operation of the same tool (another method, a sub-path, a
 * tool whose name sanitizes to the same text) gets the method and then a counter appended. Given the same document,
 * the same names come out, so Open WebUI's tool names are stable.
 */
final class OperationIds {

    private final Set<String> taken = new HashSet<>();

    /** A fresh, unique name for an operation of {@code tool} in {@code tenant}. */
    String allocate(String tenant, String tool, String method) {
        return claim(ToolNames.qualified(tenant, tool), tenant, tool, method);
    }

    /** {@code proposed} when still free, else a unique variant of it. */
    String claim(String proposed, String tenant, String tool, String method) {
        if (taken.add(proposed)) {
            return proposed;
        }
        String withMethod = tool + "_" + method.toLowerCase(Locale.ROOT);
        String name = ToolNames.qualified(tenant, withMethod);
        for (int n = 2; !taken.add(name); n++) {
            name = ToolNames.qualified(tenant, withMethod + "_" + n);
        }
        return name;
    }
}

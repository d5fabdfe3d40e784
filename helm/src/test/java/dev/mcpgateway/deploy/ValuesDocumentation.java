package dev.mcpgateway.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The values.yaml documentation convention: a {@code # -- description} comment (continued by {@code #   more}) right
 * above a key documents that key and everything under it. Produces the README's values table and lists the values
 * nobody documented.
 */
final class ValuesDocumentation {

    private static final Pattern DESCRIPTION = Pattern.compile("^(\\s*)# -- (.*)$");
    private static final Pattern CONTINUATION = Pattern.compile("^\\s*#\\s{2,}(\\S.*)$");
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):(\\s.*)?$");

    /** A documented key: its dotted path, its description, and its default rendered as compact YAML. */
    record Entry(String key, String description, String defaultValue) {
    }

    private final Map<String, Object> values;
    private final Map<String, String> descriptions = new LinkedHashMap<>();

    ValuesDocumentation(String valuesYaml) {
        this.values = new Yaml().load(valuesYaml);
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        StringBuilder pending = null;
        for (String line : valuesYaml.split("\n")) {
            Matcher description = DESCRIPTION.matcher(line);
            Matcher continuation = CONTINUATION.matcher(line);
            Matcher key = KEY.matcher(line);
            if (description.matches()) {
                pending = new StringBuilder(description.group(2).trim());
            } else if (pending != null && continuation.matches()) {
                pending.append(' ').append(continuation.group(1).trim());
            } else if (key.matches()) {
                int indent = key.group(1).length();
                while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                    indents.pop();
                    keys.removeLast();
                }
                indents.push(new int[] {indent});
                keys.addLast(key.group(2));
                if (pending != null) {
                    descriptions.put(String.join(".", keys), pending.toString());
                }
                pending = null;
            } else if (!line.isBlank()) {
                pending = null;
            }
        }
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        descriptions.forEach((key, description) -> entries.add(new Entry(key, description, render(valueAt(key)))));
        return entries;
    }

    /** Every leaf value (or empty map or list) that has neither its own description nor a documented ancestor. */
    List<String> undocumented() {
        List<String> missing = new ArrayList<>();
        collect(values, "", missing);
        return missing;
    }

    /** The Markdown table for the README. */
    String table() {
        StringBuilder table = new StringBuilder("| Key | Description | Default |\n|-----|-------------|---------|\n");
        for (Entry entry : entries()) {
            table.append("| `").append(entry.key()).append("` | ").append(entry.description().replace("|", "\\|"))
                    .append(" | ").append(code(entry.defaultValue())).append(" |\n");
        }
        return table.toString();
    }

    private void collect(Map<?, ?> map, String path, List<String> missing) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
            if (descriptions.containsKey(key)) {
                continue;
            }
            if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                collect(child, key, missing);
            } else {
                missing.add(key);
            }
        }
    }

    private Object valueAt(String dottedKey) {
        Object current = values;
        for (String part : dottedKey.split("\\.")) {
            current = ((Map<?, ?>) current).get(part);
        }
        return current;
    }

    private static String render(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? "\"\"" : text;
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(value).trim();
    }

    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }
}

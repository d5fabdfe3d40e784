package dev.mcpgateway.gateway.bootstrap;

import dev.mcpgateway.gateway.bootstrap.BootstrapFile.Member;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.TenantEntry;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.MemberEmails;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantFields;
import dev.mcpgateway.policy.TenantIds;
import dev.mcpgateway.policy.ToolRule;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates a bootstrap file. It walks SnakeYAML's node tree rather than binding objects, so every error
 * names the line and the field ({@code tenants.yaml:12: tenants[1].members[0].accessLevel: ...}). Values are checked
 * with the same rules as the database constraints and the policy module, so a file that reads cleanly applies cleanly.
 */
final class BootstrapFileReader {

    private static final Set<String> TOP_FIELDS = Set.of("tenants");
    private static final Set<String> TENANT_FIELDS = Set.of("id", "displayName", "backendUrl", "backendType",
            "enabled", "defaultToolLevel", "toolLevelsFromAnnotations", "members", "toolRules", "rateLimit");
    private static final Set<String> RATE_LIMIT_FIELDS = Set.of("perUser", "tenant", "maxConcurrentCalls",
            "maxResponseBytes");
    private static final Set<String> BUCKET_FIELDS = Set.of("requestsPerSecond", "burst");
    private static final Set<String> MEMBER_FIELDS = Set.of("email", "accessLevel");
    private static final Set<String> RULE_FIELDS = Set.of("tool", "level");
    /** Room for tens of thousands of tenants; SnakeYAML's default stops at 3 MB. */
    private static final int MAX_FILE_CODE_POINTS = 256 * 1024 * 1024;

    private final String source;

    private BootstrapFileReader(String source) {
        this.source = source;
    }

    static BootstrapFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BootstrapFileException("Cannot read bootstrap file " + file + ": " + e.getMessage(), e);
        }
        return read(file.toString(), text);
    }

    static BootstrapFile read(String source, String text) {
        return new BootstrapFileReader(source).parse(new StringReader(text));
    }

    private BootstrapFile parse(Reader text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_FILE_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new BootstrapFileException(source + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new BootstrapFileException(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new BootstrapFileException(source + ":1: the file is empty; expected 'tenants:'");
        }
        Map<String, Node> top = fields(root, "(top level)", TOP_FIELDS);
        Node tenantsNode = required(top, root, "(top level)", "tenants");
        List<TenantEntry> tenants = list(tenantsNode, "tenants", this::tenant);
        Map<String, Node> seen = new HashMap<>();
        for (int i = 0; i < tenants.size(); i++) {
            String id = tenants.get(i).id();
            Node idNode = fields(((SequenceNode) tenantsNode).getValue().get(i), "", TENANT_FIELDS).get("id");
            Node earlier = seen.putIfAbsent(id, idNode);
            if (earlier != null) {
                throw error(idNode, "tenants[" + i + "].id", "duplicate tenant id '" + id + "' (first on line "
                        + line(earlier) + ")");
            }
        }
        return new BootstrapFile(List.copyOf(tenants));
    }

    private TenantEntry tenant(Node node, String path) {
        Map<String, Node> fields = fields(node, path, TENANT_FIELDS);
        String id = string(required(fields, node, path, "id"), path + ".id");
        if (!TenantIds.isValid(id)) {
            throw error(fields.get("id"), path + ".id",
                    "tenant id must match " + TenantIds.FORMAT.pattern() + " (was '" + id + "')");
        }
        String displayName = string(required(fields, node, path, "displayName"), path + ".displayName");
        if (!TenantFields.isDisplayName(displayName)) {
            throw error(fields.get("displayName"), path + ".displayName", "must be 1-200 characters");
        }
        URI backendUrl = backendUrl(required(fields, node, path, "backendUrl"), path + ".backendUrl");
        BackendType backendType = optional(fields, "backendType", path, BackendType.OPENAPI, BackendType::of);
        boolean enabled = fields.containsKey("enabled") ? bool(fields.get("enabled"), path + ".enabled") : true;
        AccessLevel defaultToolLevel = optional(fields, "defaultToolLevel", path, AccessLevel.READ, AccessLevel::of);
        boolean fromAnnotations = fields.containsKey("toolLevelsFromAnnotations")
                && bool(fields.get("toolLevelsFromAnnotations"), path + ".toolLevelsFromAnnotations");
        if (fromAnnotations && backendType != BackendType.MCP) {
            throw error(fields.get("toolLevelsFromAnnotations"), path + ".toolLevelsFromAnnotations",
                    "only for backendType mcp (" + backendType.value() + " backends have no tool annotations)");
        }
        List<Member> members = fields.containsKey("members")
                ? list(fields.get("members"), path + ".members", this::member) : List.of();
        List<ToolRule> toolRules = fields.containsKey("toolRules")
                ? list(fields.get("toolRules"), path + ".toolRules", this::toolRule) : List.of();
        unique(fields.get("members"), path + ".members", members, Member::email, "email");
        unique(fields.get("toolRules"), path + ".toolRules", toolRules, ToolRule::tool, "tool");
        RateLimits rateLimits = fields.containsKey("rateLimit")
                ? rateLimits(fields.get("rateLimit"), path, id) : RateLimits.NONE;
        return new TenantEntry(id, displayName, backendUrl, backendType, enabled, defaultToolLevel, fromAnnotations,
                List.copyOf(members), List.copyOf(toolRules), rateLimits);
    }

    /** The {@code rateLimit} block; an absent or empty part is the gateway's default. Ranges: {@link RateLimits}. */
    private RateLimits rateLimits(Node node, String tenantPath, String tenantId) {
        if (isNull(node)) {
            return RateLimits.NONE;
        }
        String path = tenantPath + ".rateLimit";
        Map<String, Node> fields = fields(node, path, RATE_LIMIT_FIELDS);
        Bucket perUser = bucket(fields.get("perUser"), path + ".perUser", tenantId);
        Bucket tenant = bucket(fields.get("tenant"), path + ".tenant", tenantId);
        Long concurrent = wholeNumber(fields.get("maxConcurrentCalls"), path + ".maxConcurrentCalls", tenantId);
        Long responseBytes = wholeNumber(fields.get("maxResponseBytes"), path + ".maxResponseBytes", tenantId);
        RateLimits limits = new RateLimits(perUser, tenant, concurrent == null ? null : saturatedInt(concurrent),
                responseBytes);
        List<String> problems = limits.problems();
        if (!problems.isEmpty()) {
            // problems() names the field ("rateLimit.perUser.burst ..."): point at that field's line.
            String first = problems.get(0);
            Node at = fieldNode(fields, first);
            throw error(at == null ? node : at, tenantPath, "tenant '" + tenantId + "': " + String.join("; ", problems));
        }
        return limits;
    }

    private Bucket bucket(Node node, String path, String tenantId) {
        if (node == null || isNull(node)) {
            return null;
        }
        Map<String, Node> fields = fields(node, path, BUCKET_FIELDS);
        Long rate = wholeNumber(fields.get("requestsPerSecond"), path + ".requestsPerSecond", tenantId);
        Long burst = wholeNumber(fields.get("burst"), path + ".burst", tenantId);
        if (rate == null || burst == null) {
            String missing = rate == null ? "requestsPerSecond" : "burst";
            throw error(node, path + "." + missing, "tenant '" + tenantId
                    + "': missing; a bucket needs both requestsPerSecond and burst");
        }
        return new Bucket(saturatedInt(rate), saturatedInt(burst));
    }

    private Long wholeNumber(Node node, String path, String tenantId) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar && Tag.INT.equals(node.getTag())) {
            try {
                return Long.parseLong(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // beyond long, or YAML's hex/octal forms: refused below like any other non-number
            }
        }
        String found = node instanceof ScalarNode text ? "'" + text.getValue() + "'" : kind(node);
        throw error(node, path, "tenant '" + tenantId + "': expected a whole number (0 = unlimited), found " + found);
    }

    /** Keeps out-of-range values out of range for {@link RateLimits#problems()}, which then names the field. */
    private static int saturatedInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Node fieldNode(Map<String, Node> rateLimitFields, String problem) {
        String field = problem.substring("rateLimit.".length(), problem.indexOf(' '));
        String[] parts = field.split("\\.");
        Node node = rateLimitFields.get(parts[0]);
        if (parts.length > 1 && node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(parts[1])) {
                    return tuple.getValueNode();
                }
            }
        }
        return node;
    }

    private Member member(Node node, String path) {
        Map<String, Node> fields = fields(node, path, MEMBER_FIELDS);
        Node emailNode = required(fields, node, path, "email");
        String email = MemberEmails.normalize(string(emailNode, path + ".email"));
        if (!MemberEmails.isValid(email)) {
            throw error(emailNode, path + ".email", "not an email address ('" + email + "')");
        }
        Node levelNode = required(fields, node, path, "accessLevel");
        return new Member(email, parsed(levelNode, path + ".accessLevel", AccessLevel::of));
    }

    private ToolRule toolRule(Node node, String path) {
        Map<String, Node> fields = fields(node, path, RULE_FIELDS);
        Node toolNode = required(fields, node, path, "tool");
        String tool = string(toolNode, path + ".tool");
        RuleLevel level = parsed(required(fields, node, path, "level"), path + ".level", RuleLevel::of);
        return parsed(toolNode, path + ".tool", value -> new ToolRule(tool, level));
    }

    private URI backendUrl(Node node, String path) {
        String value = string(node, path);
        try {
            URI uri = new URI(value);
            if (!TenantFields.isBackendUrl(value) || uri.getHost() == null) {
                throw error(node, path, "must be an http:// or https:// URL with a host (was '" + value + "')");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw error(node, path, "not a URL: " + e.getReason() + " (was '" + value + "')");
        }
    }

    /** The mapping's fields by name; unknown and repeated names are errors. */
    private Map<String, Node> fields(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path, "expected a mapping of " + sorted(allowed) + ", found " + kind(node));
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
            String where = path.isEmpty() || path.equals("(top level)") ? String.valueOf(key) : path + "." + key;
            if (key == null || !allowed.contains(key)) {
                throw error(keyNode, where, "unknown field; expected one of " + sorted(allowed));
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(keyNode, where, "field given twice");
            }
        }
        return fields;
    }

    private Node required(Map<String, Node> fields, Node owner, String path, String name) {
        Node value = fields.get(name);
        String where = path.equals("(top level)") ? name : path + "." + name;
        if (value == null) {
            throw error(owner, where, "missing required field");
        }
        if (isNull(value)) {
            throw error(value, where, "must not be empty");
        }
        return value;
    }

    private <T> T optional(Map<String, Node> fields, String name, String path, T fallback, Function<String, T> parser) {
        Node value = fields.get(name);
        return value == null ? fallback : parsed(value, path + "." + name, parser);
    }

    private <T> T parsed(Node node, String path, Function<String, T> parser) {
        String value = string(node, path);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
    }

    private <T> List<T> list(Node node, String path, ItemReader<T> itemReader) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, path, "expected a list, found " + kind(node));
        }
        List<T> items = new ArrayList<>(sequence.getValue().size());
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(itemReader.read(values.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    private <T> void unique(Node listNode, String path, List<T> items, Function<T, String> key, String keyName) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Integer earlier = seen.putIfAbsent(key.apply(items.get(i)), i);
            if (earlier != null) {
                Node item = ((SequenceNode) listNode).getValue().get(i);
                throw error(item, path + "[" + i + "]." + keyName, "duplicate " + keyName + " '"
                        + key.apply(items.get(i)) + "' (also " + path + "[" + earlier + "])");
            }
        }
    }

    private String string(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw error(node, path, "expected a text value, found " + kind(node));
        }
        return scalar.getValue();
    }

    private boolean bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(node.getTag())) {
            String value = scalar.getValue().toLowerCase(Locale.ROOT);
            return value.equals("true") || value.equals("yes") || value.equals("on");
        }
        String found = node instanceof ScalarNode text ? "'" + text.getValue() + "'" : kind(node);
        throw error(node, path, "expected true or false, found " + found);
    }

    private static boolean isNull(Node node) {
        return Tag.NULL.equals(node.getTag());
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "nothing" : "a value";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }

    private BootstrapFileException error(Node node, String path, String message) {
        return new BootstrapFileException(source + ":" + line(node) + ": " + path + ": " + message);
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(Node node, String path);
    }
}

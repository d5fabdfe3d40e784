package dev.mcpgateway.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** One tenant's files, in memory: what the demo tool servers read and write (gone when the demo stops). */
final class DemoFiles {

    static final String DIRECTORY = "/data";
    static final String WELCOME = DIRECTORY + "/welcome.txt";

    private final Map<String, String> files = new ConcurrentSkipListMap<>();

    DemoFiles(String tenantName) {
        files.put(WELCOME, "Hello from " + tenantName + "'s tool server. It only answers calls that carry "
                + tenantName + "'s API key, which the gateway added from Vault.");
    }

    /** The file's text, or an error sentence the model can read. */
    String read(Object path) {
        String text = files.get(String.valueOf(path));
        return text != null ? text : "Error: no such file " + path + " (files: " + String.join(", ", files.keySet()) + ")";
    }

    String write(Object path, Object content) {
        String name = String.valueOf(path);
        if (!name.startsWith(DIRECTORY + "/") || name.contains("..")) {
            return "Error: access denied - path outside allowed directories: " + name + " not in " + DIRECTORY;
        }
        files.put(name, String.valueOf(content));
        return "Successfully wrote to " + name;
    }

    List<String> list() {
        return List.copyOf(new TreeMap<>(files).keySet());
    }
}

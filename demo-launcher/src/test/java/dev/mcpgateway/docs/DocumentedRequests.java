package dev.mcpgateway.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP requests the shell snippets of README.md and docs/ make to a local gateway (8080, management 8081) or
 * tenant-admin (8090, management 8091, or {@code $A}): method and path, for checking that each is still served.
 */
public final class DocumentedRequests {

    /** One documented request: where it is written, the port it names, the method and the path with its query. */
    public record Request(String page, int port, String method, String path) {

        @Override
        public String toString() {
            return page + ": " + method + " :" + port + path;
        }
    }

    private static final Pattern URL = Pattern.compile(
            "(?:https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)|\\$A)(/[^\\s'\"\\\\)|]*)");
    private static final Pattern METHOD = Pattern.compile("-X (\\w+)");

    private DocumentedRequests() {
    }

    public static List<Request> all() throws IOException {
        List<Request> requests = new ArrayList<>();
        for (Path page : DocsLinksTests.pages()) {
            String name = DocsLinksTests.REPOSITORY.relativize(page).toString();
            for (String command : shellCommands(page)) {
                Matcher url = URL.matcher(command);
                while (url.find()) {
                    Matcher method = METHOD.matcher(command);
                    requests.add(new Request(name, url.group(1) == null ? 8090 : Integer.parseInt(url.group(1)),
                            method.find() ? method.group(1) : command.contains(" -d ") ? "POST" : "GET", url.group(2)));
                }
            }
        }
        return requests;
    }

    /** Lines of fenced code blocks, continuation lines ({@code \}) joined. */
    private static List<String> shellCommands(Path page) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inCode = false;
        StringBuilder command = new StringBuilder();
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                continue;
            }
            if (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1);
                continue;
            }
            commands.add(command.append(line).toString());
            command.setLength(0);
        }
        return commands;
    }
}

package dev.mcpgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import dev.mcpgateway.docs.DocumentedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@code ./demo}'s launcher headless, as the packaged jar the script runs, on free ports, and makes exactly the
 * calls it prints: the README's first command cannot rot. Ends it as Ctrl-C would and checks nothing is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIntegrationTests {

    static final Path REPOSITORY = Paths.get(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    static final Path DEMO_JAR = Paths.get(System.getProperty("demo.jar", "target/demo-launcher-0.1.0-SNAPSHOT.jar"));
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process demo;
    private List<ProcessHandle> children;

    @BeforeAll
    void startDemo() throws IOException {
        demo = launch(List.of("--gateway-port=" + freePort(), "--admin-port=" + freePort()), output);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(demo.isAlive()).as("the demo exited:\n" + String.join("\n", output)).isTrue();
            assertThat(output).as("the demo's output so far").anyMatch(line -> line.contains("Press Ctrl-C"));
        });
        children = demo.descendants().toList();
    }

    @AfterAll
    void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void permittedCallPrintedByTheDemoReadsTheFileThroughTheGatewayWithTheTenantsKey() throws Exception {
        Result call = run(curlLine(1));

        assertThat(call.exitCode()).as(call.output()).isZero();
        assertThat(call.output()).contains("Hello from Google's tool server");
    }

    @Test
    void refusedCallPrintedByTheDemoIsA403ProblemNamingTheTenant() throws Exception {
        Result call = run(curlLine(2));

        assertThat(call.output()).contains("\"status\":403").contains("tenant 'company-c': not a member of this tenant");
    }

    @Test
    void mcpToolsListPrintedByTheDemoListsJohnsToolsOfBothHisTenantsOnly() throws Exception {
        Result call = run(curlLine(3));

        assertThat(call.output()).contains("\"name\":\"google__read_file\"").contains("\"name\":\"microsoft__read_file\"")
                .doesNotContain("company-c__");
    }

    @Test
    void everyCurlLineIsCompleteAndSilentExceptForItsAnswer() {
        List<String> curls = output.stream().filter(line -> line.startsWith("curl ")).toList();

        assertThat(curls).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("curl -sS ").doesNotContain("$"));
    }

    @Test
    void toolServersRefuseCallsThatDoNotComeThroughTheGateway() throws Exception {
        Matcher google = Pattern.compile("tool server +google: openapi at (\\S+)").matcher(String.join("\n", output));
        assertThat(google.find()).as("the google tool server's address is printed").isTrue();

        Result direct = run("curl -sS -o /dev/null -w '%{http_code}' -X POST " + google.group(1)
                + "/read_file -H 'Content-Type: application/json' -d '{\"path\":\"/data/welcome.txt\"}'");

        assertThat(direct.output()).isEqualTo("401");
    }

    @Test
    void printsASignedTokenVariableForEveryDemoPerson() {
        assertThat(output).anyMatch(line -> line.matches("JOHN_TOKEN='[\\w-]+\\.[\\w-]+\\.[\\w-]+'"))
                .anyMatch(line -> line.matches("ALICE_TOKEN='[\\w-]+\\.[\\w-]+\\.[\\w-]+'"))
                .anyMatch(line -> line.matches("GATEWAY_KEY='\\w+'"));
    }

    @Test
    void refusesClearlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> refusal = new CopyOnWriteArrayList<>();
            Process process = launch(List.of("--gateway-port=" + taken.getLocalPort(), "--admin-port=" + freePort()), refusal);

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(String.join("\n", refusal))
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken").contains("--gateway-port="));
        }
    }

    @Test
    void everyRequestTheDocsShowIsServedByTheGatewayOrTenantAdmin() throws Exception {
        String all = String.join("\n", output);
        Matcher gateway = Pattern.compile("gateway +(http://127.0.0.1:\\d+) .*\n +health and metrics: (http://127.0.0.1:\\d+)").matcher(all);
        Matcher admin = Pattern.compile("tenant-admin +(http://127.0.0.1:\\d+) +sign in as admin / (\\S+)\n +health and metrics: (http://127.0.0.1:\\d+)").matcher(all);
        assertThat(gateway.find()).isTrue();
        assertThat(admin.find()).isTrue();
        String key = line("GATEWAY_KEY='");
        String token = line("JOHN_TOKEN='");
        HttpClient http = HttpClient.newHttpClient();
        List<String> notServed = new java.util.ArrayList<>();

        List<DocumentedRequests.Request> requests = DocumentedRequests.all();
        assertThat(requests).as("requests found in README.md and docs/").hasSizeGreaterThan(10);
        for (DocumentedRequests.Request request : requests) {
            boolean toGateway = request.port() == 8080 || request.port() == 8081;
            boolean management = request.port() == 8081 || request.port() == 8091 || request.path().startsWith("/actuator/");
            String base = toGateway ? (management ? gateway.group(2) : gateway.group(1)) : (management ? admin.group(3) : admin.group(1));
            HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .method(request.method(), request.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}"));
            if (toGateway) {
                call.header("Authorization", "Bearer " + key).header("X-OpenWebUI-User-Jwt", token);
            } else {
                call.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("admin:" + admin.group(2)).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> answer = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
            // a 404 about a tenant the demo lacks (acme) is an answer of a served endpoint; an unknown path is not
            boolean unknownPath = answer.statusCode() == 405 || answer.statusCode() == 404
                    && (answer.body().contains("no such endpoint") || answer.body().contains("\"error\":\"Not Found\""));
            if (unknownPath) {
                notServed.add(request + " answered " + answer.statusCode() + " " + answer.body());
            }
        }
        assertThat(notServed).as("documented requests that no endpoint serves").isEmpty();
    }

    @Test
    void readmeShowsTheLinesTheDemoPrintsAndWhatTheyAnswer() throws Exception {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        String key = line("GATEWAY_KEY='");
        String token = line("JOHN_TOKEN='");
        Matcher session = Pattern.compile("Mcp-Session-Id: ([^']+)'").matcher(curlLine(3));
        assertThat(session.find()).isTrue();

        for (int number = 1; number <= 3; number++) {
            String asInTheReadme = curlLine(number).replace(key, "<client key>").replace(token, "<john's token>")
                    .replace(session.group(1), "<session>").replaceAll("http://127\\.0\\.0\\.1:\\d+/", "http://127.0.0.1:8080/");
            assertThat(readme).as("README.md shows line %d as ./demo prints it", number).contains(asInTheReadme);
        }
        assertThat(readme).as("README.md shows the answers of lines 1 and 2")
                .contains(run(curlLine(1)).output().strip()).contains(run(curlLine(2)).output().strip());
    }

    private String line(String prefix) {
        String found = output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return found.substring(prefix.length(), found.length() - 1);
    }

    /** Last: it ends the demo the other tests call. */
    @Test
    @Order(Integer.MAX_VALUE)
    void stopsEveryProcessAndDeletesItsDataOnCtrlC() throws Exception {
        Matcher logs = Pattern.compile("logs +(\\S+) \\(deleted on exit\\)").matcher(String.join("\n", output));
        assertThat(logs.find()).isTrue();
        Path work = Path.of(logs.group(1));
        assertThat(work).exists();
        assertThat(children).as("tenant-admin and the gateway run as child processes").hasSizeGreaterThanOrEqualTo(2);

        // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT; Process.destroy() would also close the output pipe
        demo.toHandle().destroy();

        assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops").isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses()).as("PostgreSQL and anything else started with the demo's data")
                .noneMatch(process -> process.info().commandLine().orElse("").contains(work.toString()));
        assertThat(work).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(output).contains("demo: stopped; nothing left behind."));
    }

    private String curlLine(int number) {
        List<String> curls = output.stream().filter(line -> line.startsWith("curl ")).toList();
        assertThat(curls).as("three curl lines printed").hasSize(3);
        return curls.get(number - 1);
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a printed line the way a reader pastes it: into bash. */
    private static Result run(String commandLine) throws Exception {
        Process shell = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true).start();
        String text = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(shell.exitValue(), text);
    }

    private static Process launch(List<String> options, List<String> lines) throws IOException {
        assertThat(DEMO_JAR).as("the packaged launcher (./mvnw package -pl demo-launcher -am)").exists();
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-jar", DEMO_JAR.toAbsolutePath().toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException ended) {
                // the process ended
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

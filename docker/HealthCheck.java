import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The images' HEALTHCHECK: exits 0 when an actuator health group on this container answers 200, 1 otherwise.
 * A JRE base image has no curl or wget we can count on, so the check uses the one tool it surely has: java.
 * Usage: {@code java -cp /opt/healthcheck HealthCheck <path> <default-port>} checks this container's actuator, on the
 * management port ({@code $MANAGEMENT_SERVER_PORT} when set, as the app reads it); {@code HealthCheck <http-url>}
 * checks another one (the chart's {@code helm test} pods).
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static void main(String[] args) {
        URI uri;
        if (args.length == 1 && args[0].startsWith("http")) {
            uri = URI.create(args[0]);
        } else if (args.length == 2 && args[0].startsWith("/")) {
            uri = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("MANAGEMENT_SERVER_PORT", args[1]) + args[0]);
        } else {
            System.err.println("usage: HealthCheck <path> <default-port> | HealthCheck <http-url>");
            System.exit(2);
            return;
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                System.err.println(uri + " answered " + status);
            }
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println(uri + " unreachable: " + e.getClass().getSimpleName());
            System.exit(1);
        }
    }
}

package dev.mcpgateway.admin.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.admin.TenantAdminApplication;
import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.TestPostgres;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * tenant-admin with every logger at TRACE (what an operator may set while hunting a problem) over real HTTP: password
 * sign-in by form and by HTTP Basic, credential writes through the form and the JSON API into the Vault stand-in, a
 * client key created, and an API token used. Nothing secret may appear in any log line: not the Vault token, a
 * credential value, the password, the API token, the new client key or the session cookie.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInLogsIntegrationTests {

    private static final String VAULT_TOKEN = "hvs.admin-vault-token-never-logged-4Tz";
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "admin-password-never-logged-8Yb";
    private static final String FORM_SECRET = "form-credential-never-logged-2Qc";
    private static final String API_SECRET = "api-credential-never-logged-6Nd";
    private static final String API_TOKEN = "mta_" + "apiTokenNeverLogged0123456789abcdefghijklmno".substring(0, 43);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CLIENT_KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private String baseUrl;

    @Test
    void logsNoSecretWithEveryLoggerAtTrace(CapturedOutput output) throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>(Map.of("the Vault token", VAULT_TOKEN, "the password", PASSWORD,
                "a credential from the form", FORM_SECRET, "a credential from the API", API_SECRET,
                "an API token", API_TOKEN, "the HTTP Basic credentials", Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
        String database = TestPostgres.freshDatabaseUrl();
        try (FakeVault vault = FakeVault.start(VAULT_TOKEN, "secret");
             ConfigurableApplicationContext admin = new SpringApplicationBuilder(TenantAdminApplication.class).run(
                     "--logging.level.root=TRACE",
                     "--server.port=0",
                     "--management.server.port=0",
                     // the test's client speaks plain http, which never carries a Secure cookie
                     "--server.servlet.session.cookie.secure=false",
                     "--spring.datasource.url=" + database,
                     "--spring.datasource.username=postgres",
                     "--spring.datasource.password=postgres",
                     "--spring.cloud.vault.enabled=true",
                     "--spring.cloud.vault.uri=" + vault.uri(),
                     "--spring.cloud.vault.token=" + VAULT_TOKEN,
                     "--mcpgateway.admin.bootstrap.username=" + ADMIN,
                     "--mcpgateway.admin.bootstrap.password=" + PASSWORD)) {
            baseUrl = "http://127.0.0.1:" + admin.getEnvironment().getProperty("local.server.port");

            // HTTP Basic: a tenant and a credential through the JSON API, and a new client key
            assertThat(send(basic("PUT", "/api/v1/tenants/acme", "{\"displayName\":\"Acme\",\"backendUrl\":\"http://127.0.0.1:9\"}")))
                    .extracting(HttpResponse::statusCode).isEqualTo(201);
            assertThat(send(basic("PUT", "/api/v1/tenants/acme/credentials/api_key", "{\"value\":\"" + API_SECRET + "\"}"))
                    .statusCode()).isBetween(200, 204);
            HttpResponse<String> client = send(basic("POST", "/api/v1/clients", "{\"name\":\"log-test\"}"));
            assertThat(client.statusCode()).isEqualTo(201);
            Matcher clientKey = CLIENT_KEY.matcher(client.body());
            assertThat(clientKey.find()).as(client.body()).isTrue();
            secrets.put("the new client key", clientKey.group(1));

            // form sign-in, then a credential through the form
            String loginCsrf = csrf(send(get("/login")).body());
            HttpResponse<String> signedIn = send(form("/login", Map.of("username", ADMIN, "password", PASSWORD, "_csrf", loginCsrf)));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/tenants"));
            for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
                secrets.put("the session cookie " + cookie.getName(), cookie.getValue());
            }
            String credentialsCsrf = csrf(send(get("/tenants/acme/credentials")).body());
            assertThat(send(form("/tenants/acme/credentials", Map.of("key", "header.X-Form", "value", FORM_SECRET,
                    "_csrf", credentialsCsrf))).statusCode()).isEqualTo(302);

            // an API token
            JdbcClient.create(TestPostgres.dataSource(database))
                    .sql("INSERT INTO api_token (owner, name, token_hash, token_prefix) VALUES (?, 'log-test', ?, ?)")
                    .params(ADMIN, sha256Hex(API_TOKEN), API_TOKEN.substring(0, 8)).update();
            assertThat(send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tenants"))
                    .header("Authorization", "Bearer " + API_TOKEN).build()).statusCode()).isEqualTo(200);

            assertThat(vault.current("mcp-gateway/tenants/acme"))
                    .containsEntry("api_key", API_SECRET).containsEntry("header.X-Form", FORM_SECRET);
        }

        String log = output.getAll();
        assertThat(log).as("every logger really was at TRACE").contains(" TRACE ")
                .as("Vault calls were logged (without secrets)").contains("/v1/secret/data/mcp-gateway/tenants/acme");
        assertThat(linesShowing(secrets, log)).as("log lines that show a secret (shown masked)").isEmpty();
    }

    /** Each log line that contains a secret, with the secret replaced by its name (so a failure shows no secret). */
    private static List<String> linesShowing(Map<String, String> secrets, String log) {
        return log.lines()
                .filter(line -> secrets.values().stream().anyMatch(line::contains))
                .map(line -> {
                    String masked = line;
                    for (Map.Entry<String, String> secret : secrets.entrySet()) {
                        masked = masked.replace(secret.getValue(), "<" + secret.getKey() + ">");
                    }
                    return masked;
                })
                .toList();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private HttpRequest basic(String method, String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private HttpRequest form(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

    private static String sha256Hex(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}

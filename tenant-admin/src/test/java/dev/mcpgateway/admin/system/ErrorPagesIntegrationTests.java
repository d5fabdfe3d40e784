package dev.mcpgateway.admin.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.admin.AdminTestSupport;
import dev.mcpgateway.testing.TestPostgres;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Errors through the real servlet container (its error dispatch is what MockMvc skips): problem+json on
 * {@code /api/**}, pages in the layout elsewhere, whatever the {@code Accept} header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.vault.enabled=false",
        "server.servlet.session.cookie.secure=false",
        "mcpgateway.admin.bootstrap.username=" + AdminTestSupport.ADMIN,
        "mcpgateway.admin.bootstrap.password=" + AdminTestSupport.ADMIN_PASSWORD,
})
class ErrorPagesIntegrationTests {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Test
    void wrongUrlWithAcceptAnyIsANotFoundPageWithTitleAndNavigation() throws Exception {
        HttpClient browser = signedIn(AdminTestSupport.ADMIN, AdminTestSupport.ADMIN_PASSWORD);
        HttpResponse<String> page = browser.send(request("/no-such-page").header("Accept", "*/*").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("<title>Not found · MCP Tenant Gateway</title>")
                .contains("<h1>Not found</h1>")
                .contains("aria-label=\"Main\"")
                .doesNotContain("th:text")
                .doesNotContain("\"timestamp\"");
    }

    @Test
    void problemPageOfAMissingTenantShowsItsTitleNotTemplateMarkup() throws Exception {
        HttpClient browser = signedIn(AdminTestSupport.ADMIN, AdminTestSupport.ADMIN_PASSWORD);
        HttpResponse<String> page = browser.send(request("/tenants/no-such-tenant").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body())
                .contains("<title>Not found · MCP Tenant Gateway</title>")
                .contains("<h1>Not found</h1>")
                .doesNotContain("th:text")
                .doesNotContain("&lt;title");
    }

    @Test
    void forbiddenPageUsesTheLayout() throws Exception {
        jdbc.sql("INSERT INTO admin_account (username, password_hash) VALUES ('ta@acme.io', ?)")
                .param("{noop}tenant-admin-password-1").update();
        HttpClient browser = signedIn("ta@acme.io", "tenant-admin-password-1");
        HttpResponse<String> page = browser.send(request("/accounts").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("<title>Not allowed · MCP Tenant Gateway</title>").contains("aria-label=\"Main\"");
    }

    @Test
    void wrongApiUrlIsANotFoundProblemWhateverTheAcceptHeader() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String accept : new String[] {"*/*", "application/json", "text/html"}) {
            HttpResponse<String> response = http.send(request("/api/v1/no-such-thing").header("Accept", accept)
                    .header("Authorization", basicAdmin()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(accept).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(accept).contains(PROBLEM_JSON);
            assertThat(response.body()).as(accept).contains("\"title\":\"Not Found\"").doesNotContain("\"timestamp\"");
        }
    }

    @Test
    void multipartPostWithoutBoundaryIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request("/api/v1/clients")
                .header("Authorization", basicAdmin()).header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
        assertThat(response.body()).contains("multipart");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpClient signedIn(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(request("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signIn = browser.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/tenants"));
        return browser;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (AdminTestSupport.ADMIN + ":" + AdminTestSupport.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}

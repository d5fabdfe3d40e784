package dev.mcpgateway.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mcpgateway.admin.AdminTestSupport;
import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real thing in a real browser: headless Debian chromium signs in, creates a tenant, adds members and sees them
 * listed, and walks the main pages, taking a screenshot of each. Screenshots go to {@code target/screenshots/}; to
 * refresh the ones in docs/, run with {@code -Dscreenshots.dir=../docs/screenshots} (relative to {@code tenant-admin/}).
 * Skipped where {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} are not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mcpgateway.admin.bootstrap.username=" + AdminTestSupport.ADMIN,
        "mcpgateway.admin.bootstrap.password=" + AdminTestSupport.ADMIN_PASSWORD,
})
class TenantAdminBrowserIntegrationTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final FakeVault VAULT = FakeVault.start("browser-token", "secret");
    private static HttpServer backend;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.cloud.vault.enabled", () -> "true");
        registry.add("spring.cloud.vault.uri", VAULT::uri);
        registry.add("spring.cloud.vault.token", VAULT::token);
    }

    @BeforeAll
    static void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] spec = """
                {"openapi": "3.1.0", "paths": {
                  "/read_file": {"post": {}}, "/list_directory": {"post": {}}, "/search_files": {"post": {}},
                  "/write_file": {"post": {}}, "/edit_file": {"post": {}}, "/move_file": {"post": {}},
                  "/delete_file": {"post": {}}}}""".getBytes(StandardCharsets.UTF_8);
        backend.createContext("/openapi.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, spec.length);
            exchange.getResponseBody().write(spec);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stopServers() {
        backend.stop(0);
        VAULT.close();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian chromium and chromium-driver");
        profile = Files.createTempDirectory("tenant-admin-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signsInCreatesTenantAddsMembersAndSeesThemListed() throws Exception {
        open("/tenants");
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("login");
        browser.findElement(By.id("username")).sendKeys(AdminTestSupport.ADMIN);
        browser.findElement(By.id("password")).sendKeys(AdminTestSupport.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/tenants"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tenants");
        screenshot("tenants-empty");

        browser.findElement(By.linkText("New tenant")).click();
        wait.until(ExpectedConditions.urlContains("/tenants/new"));
        browser.findElement(By.id("id")).sendKeys("Not Valid");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field.has-error")));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Use 1-63 lower-case letters");
        screenshot("tenant-form-errors");

        clearAndType("id", "acme");
        clearAndType("displayName", "Acme Corporation");
        clearAndType("backendUrl", "http://127.0.0.1:" + backend.getAddress().getPort());
        new Select(browser.findElement(By.id("defaultToolLevel"))).selectByValue("read");
        clearAndType("rateLimit.perUser.requestsPerSecond", "20");
        clearAndType("rateLimit.perUser.burst", "40");
        clearAndType("rateLimit.maxConcurrentCalls", "64");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/tenants/acme$"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).isEqualTo("Tenant 'acme' created.");
        assertThat(browser.findElement(By.id("limit-per-user")).getText()).isEqualTo("20/s, burst 40");
        assertThat(browser.findElement(By.id("limit-tenant")).getText()).isEqualTo("gateway default");
        screenshot("tenant-overview");

        browser.findElement(By.linkText("Members")).click();
        wait.until(ExpectedConditions.urlContains("/tenants/acme/members"));
        browser.findElement(By.id("emails")).sendKeys("ada@acme.example, grace@acme.example\nlinus@acme.example");
        new Select(browser.findElement(By.id("accessLevel"))).selectByValue("write");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members")));
        String members = browser.findElement(By.id("members")).getText();
        assertThat(members).contains("ada@acme.example", "grace@acme.example", "linus@acme.example");
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).startsWith("Added ada@acme.example");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_member WHERE tenant_id = 'acme'").query(Long.class).single())
                .isEqualTo(3);
        screenshot("members");

        browser.findElement(By.linkText("Tool rules")).click();
        wait.until(ExpectedConditions.urlContains("/rules"));
        for (String[] rule : new String[][] {{"write_file", "write"}, {"edit_file", "write"}, {"move_file", "admin"},
                {"delete_*", "deny"}}) {
            browser.findElement(By.id("tool")).sendKeys(rule[0]);
            new Select(browser.findElement(By.id("level"))).selectByValue(rule[1]);
            browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), rule[0]));
        }
        assertThat(browser.findElement(By.id("backend-tools")).getText()).contains("read_file", "rule 'delete_*'");
        screenshot("rules");

        browser.findElement(By.linkText("Credentials")).click();
        wait.until(ExpectedConditions.urlContains("/credentials"));
        browser.findElement(By.id("key")).sendKeys("api_key");
        browser.findElement(By.id("value")).sendKeys("sk-browser-secret");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("credentials")));
        assertThat(browser.getPageSource()).doesNotContain("sk-browser-secret");
        screenshot("credentials");

        open("/access?tenant=acme&email=ada@acme.example");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decisions")));
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("move_file", "requires admin access");
        assertThat(browser.findElement(By.id("call-limits")).getText()).startsWith(
                "ada@acme.example may make 20 calls/s to acme (burst 40); all members together at the gateway's default"
                        + " rate; at most 64 calls at once;");
        screenshot("explain-access");

        open("/clients");
        browser.findElement(By.id("name")).sendKeys("open-webui-prod");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("created-key")));
        screenshot("client-keys");

        seedMoreTenants();
        open("/tenants");
        screenshot("tenants");
        open("/audit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        screenshot("audit-log");

        browser.manage().window().setSize(new Dimension(390, 844));
        open("/tenants");
        screenshot("tenants-phone");
        open("/tenants/acme/members");
        WebElement table = browser.findElement(By.id("members"));
        assertThat(table.getText()).contains("ada@acme.example");
        screenshot("members-phone");
    }

    private void seedMoreTenants() {
        String[][] tenants = {{"globex", "Globex", "mcp"}, {"initech", "Initech", "openapi"},
                {"umbrella", "Umbrella Research", "openapi"}, {"hooli", "Hooli", "mcp"}};
        for (String[] t : tenants) {
            jdbc.sql("INSERT INTO tenant (id, display_name, backend_url, backend_type, enabled) VALUES (?, ?, ?, ?, ?)")
                    .params(t[0], t[1], "http://" + t[0] + "-tools.internal:8000", t[2], !t[0].equals("hooli")).update();
        }
        jdbc.sql("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('globex', 'hank@globex.example', 'admin')").update();
        jdbc.sql("""
                INSERT INTO audit_event (kind, user_email, tenant_id, tool, decision, status, reason, latency_ms)
                VALUES ('call', 'ada@acme.example', 'acme', 'read_file', 'allow', 200, 'allowed: write access satisfies read (tenant default)', 41),
                       ('call', 'linus@acme.example', 'acme', 'move_file', 'deny', 403, 'requires admin access, you have write (rule ''move_file'')', 3)""")
                .update();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void clearAndType(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Saves the whole page (the window is stretched to the page's height for the shot). */
    private void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height, window.getHeight()), 2400)));
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(window);
        }
    }
}

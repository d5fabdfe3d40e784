package dev.mcpgateway.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped demo bootstrap file, with its backends pointed at in-test servers. */
public final class DemoTenantsFile {

    private DemoTenantsFile() {
    }

    public static String text() {
        try (InputStream in = DemoTenantsFile.class.getResourceAsStream("/demo/tenants.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the demo file with google, microsoft and company-c served by the given backends. */
    public static Path withBackends(EchoBackend google, EchoBackend microsoft, EchoBackend companyC) {
        String text = text()
                .replace("http://127.0.0.1:8001", google.url())
                .replace("http://127.0.0.1:8002", microsoft.url())
                .replace("http://127.0.0.1:8003", companyC.url());
        return write(text);
    }

    public static Path write(String text) {
        try {
            Path file = Files.createTempFile("tenants-", ".yaml");
            Files.writeString(file, text);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.system.InvalidInputException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first platform admin from {@code mcpgateway.admin.bootstrap.username/password} at startup (after
 * Flyway), so a fresh installation can be signed into. Never logs the password.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final Actor SYSTEM = new Actor("system:bootstrap", true, Map.of());

    private final AdminProperties properties;
    private final AccountService accounts;

    BootstrapAdmin(AdminProperties properties, AccountService accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        AdminProperties.Bootstrap bootstrap = properties.admin().bootstrap();
        if (!bootstrap.configured()) {
            log.info("No bootstrap admin configured (mcpgateway.admin.bootstrap.username/password)");
            return;
        }
        boolean created;
        try {
            created = accounts.createIfMissing(SYSTEM, bootstrap.normalizedUsername(), bootstrap.password());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("mcpgateway.admin.bootstrap." + e.field() + ": " + e.getMessage(), e);
        }
        if (created) {
            log.info("Created bootstrap platform admin '{}'", bootstrap.normalizedUsername());
        } else {
            log.info("Bootstrap platform admin '{}' exists; its password is left as it is", bootstrap.normalizedUsername());
        }
    }
}

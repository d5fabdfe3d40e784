package dev.mcpgateway.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The control plane: web UI and JSON API over the tenancy schema, which it migrates at startup. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TenantAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenantAdminApplication.class, args);
    }
}

package dev.mcpgateway.gateway.audit;

import dev.mcpgateway.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log, writing to Postgres with the settings under {@code mcpgateway.audit}. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(GatewayProperties properties, JdbcTemplate jdbc, MeterRegistry meters) {
        GatewayProperties.Audit audit = properties.audit();
        return new AuditLog(audit.bufferSize(), audit.batchSize(), audit.flushInterval(), new JdbcAuditEventWriter(jdbc), meters);
    }
}

package dev.mcpgateway.gateway.audit;

import dev.mcpgateway.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log, writing to Postgres with the settings under {@code mcpgateway.audit}. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(GatewayProperties properties, DataSource dataSource, MeterRegistry meters) {
        GatewayProperties.Audit audit = properties.audit();
        return new AuditLog(audit.bufferSize(), audit.batchSize(), audit.flushInterval(), new JdbcAuditEventWriter(dataSource), meters);
    }
}

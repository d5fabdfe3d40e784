package dev.mcpgateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JdbcAuditEventWriterTests {

    @Test
    void writesTheInstantInUtcAsOffsetDateTimeOfInstantWould() {
        for (Instant instant : new Instant[] {Instant.parse("2026-12-03T13:45:01.123456789Z"), Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2100-02-28T23:00:00Z")}) {
            assertThat(JdbcAuditEventWriter.utc(instant)).isEqualTo(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}

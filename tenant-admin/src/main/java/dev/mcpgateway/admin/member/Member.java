package dev.mcpgateway.admin.member;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** One row of {@code tenant_member}: the bootstrap YAML's {@code email} and {@code accessLevel}, and when. */
public record Member(@JsonIgnore String tenantId, String email, String accessLevel, Instant createdAt, Instant updatedAt) {
}

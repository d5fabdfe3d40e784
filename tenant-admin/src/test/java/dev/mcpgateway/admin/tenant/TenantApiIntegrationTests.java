package dev.mcpgateway.admin.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class TenantApiIntegrationTests extends AdminTestSupport {

    private static final String ACME = """
            {"displayName": "Acme", "backendUrl": "http://tools.acme:8000", "backendType": "openapi",
             "enabled": true, "defaultToolLevel": "read"}""";

    @Test
    void putCreatesThenChangesNothingWhenRepeated() throws Exception {
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/tenants/acme"))
                .andExpect(jsonPath("$.id").value("acme"))
                .andExpect(jsonPath("$.displayName").value("Acme"))
                .andExpect(jsonPath("$.backendType").value("openapi"))
                .andExpect(jsonPath("$.defaultToolLevel").value("read"));
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isOk());
        assertThat(count("SELECT count(*) FROM audit_event WHERE action LIKE 'tenant.%'")).isOne();

        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ACME.replace("\"read\"", "\"write\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.defaultToolLevel").value("write"));
        assertThat(lastAudit()).containsEntry("action", "tenant.update").containsEntry("user_email", ADMIN);
    }

    @Test
    void roundTripsToolLevelsFromAnnotationsWhichIsFalseWhenLeftOut() throws Exception {
        String files = """
                {"displayName": "Files", "backendUrl": "http://files.internal:8000/mcp", "backendType": "mcp",
                 "toolLevelsFromAnnotations": true}""";
        mvc.perform(put("/api/v1/tenants/files").with(admin()).contentType(MediaType.APPLICATION_JSON).content(files))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.toolLevelsFromAnnotations").value(true));
        mvc.perform(get("/api/v1/tenants/files").with(admin()))
                .andExpect(jsonPath("$.toolLevelsFromAnnotations").value(true))
                .andExpect(jsonPath("$.enabled").value(true));
        mvc.perform(get("/api/v1/tenants").with(admin()))
                .andExpect(jsonPath("$.items[0].toolLevelsFromAnnotations").value(true));
        assertThat(count("SELECT count(*) FROM tenant WHERE tool_levels_from_annotations")).isOne();
        mvc.perform(put("/api/v1/tenants/files").with(admin()).contentType(MediaType.APPLICATION_JSON).content(files))
                .andExpect(status().isOk());
        assertThat(count("SELECT count(*) FROM audit_event WHERE action LIKE 'tenant.%'")).isOne();

        mvc.perform(put("/api/v1/tenants/files").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(files.replace(",\n \"toolLevelsFromAnnotations\": true", "")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.toolLevelsFromAnnotations").value(false));
        assertThat(lastAudit()).containsEntry("action", "tenant.update");
        assertThat((String) lastAudit().get("detail")).endsWith("toolLevelsFromAnnotations=false");

        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ACME.replace("{", "{\"id\": \"acme\", ")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.toolLevelsFromAnnotations").value(false));
        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(files.replace("{", "{\"id\": \"files-2\", ")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.toolLevelsFromAnnotations").value(true));
    }

    @Test
    void refusesToolLevelsFromAnnotationsForOpenApiBackendsOnTheField() throws Exception {
        String annotated = ACME.replace("\"enabled\": true", "\"enabled\": true, \"toolLevelsFromAnnotations\": true");
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(annotated))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("toolLevelsFromAnnotations"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("Only for backend type mcp: openapi backends have no tool annotations"));
        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(annotated.replace("{", "{\"id\": \"acme\", ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("toolLevelsFromAnnotations"));
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
    }

    @Test
    void roundTripsTheRateLimitBlockWithTheBootstrapFileNamesAndLeavesAbsentPartsToTheGateway() throws Exception {
        String limited = ACME.replace("\"enabled\": true", """
                "enabled": true, "rateLimit": {"perUser": {"requestsPerSecond": 20, "burst": 40},
                 "tenant": {"requestsPerSecond": 200, "burst": 400}, "maxConcurrentCalls": 64,
                 "maxResponseBytes": 16777216}""");
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(limited))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rateLimit.perUser.requestsPerSecond").value(20))
                .andExpect(jsonPath("$.rateLimit.perUser.burst").value(40))
                .andExpect(jsonPath("$.rateLimit.tenant.requestsPerSecond").value(200))
                .andExpect(jsonPath("$.rateLimit.tenant.burst").value(400))
                .andExpect(jsonPath("$.rateLimit.maxConcurrentCalls").value(64))
                .andExpect(jsonPath("$.rateLimit.maxResponseBytes").value(16777216));
        assertThat(jdbc.sql("""
                SELECT rate_limit_per_user_rps, rate_limit_per_user_burst, rate_limit_tenant_rps, rate_limit_tenant_burst,
                       max_concurrent_calls, max_response_bytes FROM tenant WHERE id = 'acme'""").query().singleRow())
                .containsValues(20, 40, 200, 400, 64, 16_777_216L);
        assertThat((String) lastAudit().get("detail")).contains(", rateLimit={perUser=20/s burst 40, tenant=200/s burst"
                + " 400, maxConcurrentCalls=64, maxResponseBytes=16777216},");
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(limited))
                .andExpect(status().isOk());
        assertThat(count("SELECT count(*) FROM audit_event WHERE action LIKE 'tenant.%'")).isOne();

        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ACME.replace("\"enabled\": true", "\"enabled\": true, \"rateLimit\": {\"maxConcurrentCalls\": 0}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rateLimit.perUser").isEmpty())
                .andExpect(jsonPath("$.rateLimit.maxConcurrentCalls").value(0));
        assertThat(lastAudit()).containsEntry("action", "tenant.update");
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(ACME))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rateLimit.maxConcurrentCalls").isEmpty());
        assertThat(count("""
                SELECT count(*) FROM tenant WHERE id = 'acme' AND num_nulls(rate_limit_per_user_rps,
                rate_limit_per_user_burst, rate_limit_tenant_rps, rate_limit_tenant_burst, max_concurrent_calls,
                max_response_bytes) = 6""")).isOne();
        assertThat((String) lastAudit().get("detail")).contains(", rateLimit=gateway defaults,");
        assertThat(count("SELECT count(*) FROM audit_event WHERE action LIKE 'tenant.%'")).isEqualTo(3);
    }

    @Test
    void refusesInvalidRateLimitsWithAProblemNamingEachField() throws Exception {
        String invalid = ACME.replace("\"enabled\": true", """
                "enabled": true, "rateLimit": {"perUser": {"requestsPerSecond": 20, "burst": 10},
                 "tenant": {"requestsPerSecond": 200}, "maxConcurrentCalls": -1}""");
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON).content(invalid))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[?(@.field == 'rateLimit.perUser.burst')].message")
                        .value("rateLimit.perUser.burst must be at least requestsPerSecond and at most 10000000"))
                .andExpect(jsonPath("$.errors[?(@.field == 'rateLimit.tenant.burst')].message")
                        .value("Enter both requests per second and burst, or neither (the gateway default)"))
                .andExpect(jsonPath("$.errors[?(@.field == 'rateLimit.maxConcurrentCalls')].message")
                        .value("rateLimit.maxConcurrentCalls must be between 0 (unlimited) and 100000"));
        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(invalid.replace("{", "{\"id\": \"acme\", ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'rateLimit.perUser.burst')]").exists());
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
    }

    @Test
    void answersInvalidBodiesWithFieldDetails() throws Exception {
        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"Not Valid\", \"displayName\": \"\", \"backendUrl\": \"nope\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.errors[?(@.field == 'id')].message").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'displayName')].message").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'backendUrl')].message").exists());
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ACME.replace("\"openapi\"", "\"grpc\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("backendType"));
        assertThat(count("SELECT count(*) FROM tenant")).isZero();
    }

    @Test
    void createsListsAndDeletesTenants() throws Exception {
        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ACME.replace("{", "{\"id\": \"acme\", ")))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/tenants").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ACME.replace("{", "{\"id\": \"acme\", ")))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/tenants").with(admin()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value("acme"));
        member("acme", "ada@acme.io", "read");
        mvc.perform(delete("/api/v1/tenants/acme").with(admin())).andExpect(status().isConflict());
        mvc.perform(delete("/api/v1/tenants/acme").param("withMembers", "true").with(admin()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/tenants/acme").with(admin())).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not found"));
    }

    @Test
    void managesMembersWithIdempotentPuts() throws Exception {
        tenant("acme", "Acme");
        mvc.perform(put("/api/v1/tenants/acme/members/Ada@Acme.io").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accessLevel\": \"write\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("ada@acme.io"))
                .andExpect(jsonPath("$.accessLevel").value("write"));
        mvc.perform(put("/api/v1/tenants/acme/members/ada@acme.io").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accessLevel\": \"write\"}"))
                .andExpect(status().isOk());
        mvc.perform(put("/api/v1/tenants/acme/members/ada@acme.io").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accessLevel\": \"owner\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("accessLevel"));
        mvc.perform(get("/api/v1/tenants/acme/members").with(admin()))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].email").value("ada@acme.io"));
        mvc.perform(delete("/api/v1/tenants/acme/members/ADA@acme.io").with(admin())).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/tenants/acme/members/ada@acme.io").with(admin())).andExpect(status().isNotFound());
        assertThat(count("SELECT count(*) FROM audit_event WHERE action LIKE 'member.%'")).isEqualTo(2);
    }

    @Test
    void managesToolRulesWithIdempotentPuts() throws Exception {
        tenant("acme", "Acme");
        mvc.perform(put("/api/v1/tenants/acme/rules/delete_*").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\": \"deny\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/tenants/acme/rules/delete_*"))
                .andExpect(jsonPath("$.tool").value("delete_*"))
                .andExpect(jsonPath("$.level").value("deny"));
        mvc.perform(put("/api/v1/tenants/acme/rules/delete_*").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\": \"deny\"}"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"));
        mvc.perform(put("/api/v1/tenants/acme/rules/write_file").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\": \"owner\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/tenants/acme/rules").with(admin()))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].tool").value("delete_*"));
        mvc.perform(delete("/api/v1/tenants/acme/rules/delete_*").with(admin())).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/tenants/acme/rules").with(admin())).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void servesItsOpenApiDescription() throws Exception {
        mvc.perform(get("/api/v1/openapi.json").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/tenants/{id}']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tenants/{id}/members/{email}']").exists())
                .andExpect(jsonPath("$.components.schemas.TenantForm.properties.toolLevelsFromAnnotations.type")
                        .value("boolean"))
                .andExpect(jsonPath("$.components.schemas.Tenant.properties.toolLevelsFromAnnotations.type")
                        .value("boolean"))
                .andExpect(jsonPath("$.components.schemas.RateLimitForm.properties.maxConcurrentCalls.type")
                        .value("integer"));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic(ADMIN, ADMIN_PASSWORD);
    }
}

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
    void servesItsOpenApiDescription() throws Exception {
        mvc.perform(get("/api/v1/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/tenants/{id}']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/tenants/{id}/members/{email}']").exists());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic(ADMIN, ADMIN_PASSWORD);
    }
}

package dev.mcpgateway.admin.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JSON API's OpenAPI document ({@code /api/v1/openapi.json}): its name, version and the two ways to sign in. */
@Configuration
class ApiDocumentConfiguration {

    static final String API_TOKEN = "apiToken";
    static final String BASIC = "basic";

    @Bean
    OpenAPI tenantAdminApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("MCP Tenant Gateway - tenant-admin API")
                        .version("v1")
                        .description("Tenants, members, tool rules, client keys, credentials and API tokens of the "
                                + "MCP Tenant Gateway. Every operation acts as the signed-in person, with their rights."))
                .components(new Components()
                        .addSecuritySchemes(API_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("mta_…")
                                .description("A personal API token, created on the API tokens page"))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A local account's user name and password")))
                .addSecurityItem(new SecurityRequirement().addList(API_TOKEN))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}

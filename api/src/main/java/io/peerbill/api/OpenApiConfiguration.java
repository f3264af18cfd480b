package io.peerbill.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document says beyond the routes: the API key scheme, and a relative server URL
 * so the document does not depend on the host and port it was read from (the copy in the repo,
 * {@code api/openapi.json}, is kept identical to it by a test).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  static final String API_KEY = "apiKey";

  /** The document names properties as the server writes them: snake_case. */
  @Bean
  public ModelResolver snakeCaseModelResolver() {
    return new ModelResolver(
        Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  public OpenAPI peerbillOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("peerbill API")
                .version("v1")
                .description(
                    "Peering connections, usage, bills and alert policies of one account"
                        + " (account keys), and the operator's routes under /v1/operator (operator"
                        + " keys). Errors: {\"code\",\"rule\",\"message\"}."))
        .servers(List.of(new Server().url("/")))
        .components(
            new Components()
                .addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("Authorization: Bearer pbk_...")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY));
  }
}

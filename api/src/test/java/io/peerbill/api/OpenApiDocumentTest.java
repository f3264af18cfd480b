package io.peerbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: the OpenAPI document in the repo ({@code api/openapi.json}) is the one the server
 * serves. When a route changes, this fails and leaves the served document in {@code
 * target/openapi.json} to copy over.
 */
class OpenApiDocumentTest extends ApiTestBase {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theRepoCopyOfTheOpenApiDocumentIsWhatTheServerServes_issue14() throws Exception {
    Http.Response served = http().get("/v3/api-docs", null);
    assertThat(served.status()).isEqualTo(200);
    JsonNode document = JSON.readTree(served.body());
    Path fresh = Path.of("target", "openapi.json");
    Files.writeString(fresh, JSON.writeValueAsString(document) + "\n");
    Path copy = Path.of("openapi.json");
    assertThat(Files.exists(copy)).as("api/openapi.json exists").isTrue();
    assertThat(JSON.readTree(Files.readString(copy)))
        .as("api/openapi.json differs from the served document: cp api/target/openapi.json api/")
        .isEqualTo(document);
  }
}

package io.peerbill.api.security;

import io.peerbill.api.error.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes the API's error body from the security filters, which run before any controller. */
@Component
public class JsonErrorWriter {

  private final JsonMapper json;

  public JsonErrorWriter(JsonMapper json) {
    this.json = json;
  }

  public void write(HttpServletResponse response, int status, ApiError error) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), error);
  }
}

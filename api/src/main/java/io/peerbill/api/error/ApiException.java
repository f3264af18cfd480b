package io.peerbill.api.error;

import org.springframework.http.HttpStatus;

/** A refusal of the API itself (not of a domain rule), with its status and stable code. */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String rule;

  public ApiException(HttpStatus status, String code, String rule, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.rule = rule;
  }

  public static ApiException invalid(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "input", message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(HttpStatus.NOT_FOUND, code, "D2", message);
  }

  public HttpStatus status() {
    return status;
  }

  public ApiError body() {
    return new ApiError(code, rule, getMessage());
  }
}

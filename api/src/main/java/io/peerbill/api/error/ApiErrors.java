package io.peerbill.api.error;

import io.peerbill.alerting.InvalidAlertPolicyException;
import io.peerbill.alerting.UnknownAlertPolicyException;
import io.peerbill.billing.run.CompletenessGuard.DayNotCompleteException;
import io.peerbill.billing.run.DayFence.DayBeingBilledException;
import io.peerbill.billing.run.ZoneGuard.DayBilledInAnotherZoneException;
import io.peerbill.billing.tariff.TariffCsv.TariffFileException;
import io.peerbill.peering.ErrorCode;
import io.peerbill.peering.PeeringException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure leaves the API as one {@link ApiError} body: domain refusals with the code and rule
 * the CLI prints, malformed requests as INVALID_INPUT, anything unexpected as INTERNAL (logged,
 * never with its stack trace in the body).
 */
@RestControllerAdvice
public class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(PeeringException.class)
  ResponseEntity<ApiError> refused(PeeringException e) {
    return body(status(e.code()), e.code().name(), e.code().rule(), e.getMessage());
  }

  /** A foreign account's resource is reported exactly like a missing one (404). */
  static HttpStatus status(ErrorCode code) {
    if (code.name().endsWith("_NOT_FOUND") || code == ErrorCode.UNKNOWN_ACCOUNT) {
      return HttpStatus.NOT_FOUND;
    }
    return switch (code) {
      case NOT_AUTHORIZED -> HttpStatus.FORBIDDEN;
      case INVALID_INPUT, INVALID_CIDR, CIDR_NOT_ALIGNED, INVALID_ADDRESS, NO_ACTING_ACCOUNT ->
          HttpStatus.BAD_REQUEST;
      default -> HttpStatus.CONFLICT;
    };
  }

  @ExceptionHandler(InvalidAlertPolicyException.class)
  ResponseEntity<ApiError> invalidPolicy(InvalidAlertPolicyException e) {
    return body(HttpStatus.BAD_REQUEST, "INVALID_ALERT_POLICY", "D11", e.getMessage());
  }

  @ExceptionHandler(UnknownAlertPolicyException.class)
  ResponseEntity<ApiError> unknownPolicy(UnknownAlertPolicyException e) {
    return body(HttpStatus.NOT_FOUND, "ALERT_POLICY_NOT_FOUND", "D2", e.getMessage());
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(e.body());
  }

  @ExceptionHandler({
    DayBeingBilledException.class,
    DayNotCompleteException.class,
    DayBilledInAnotherZoneException.class
  })
  ResponseEntity<ApiError> billingRefused(RuntimeException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(billingRefusal(e));
  }

  /**
   * A billing run's refusal as the API reports it, on a request or on a day of a billing run; null
   * for anything else.
   */
  public static ApiError billingRefusal(Throwable e) {
    if (e instanceof DayBeingBilledException) {
      return new ApiError("DAY_BEING_BILLED", "billing", e.getMessage());
    }
    if (e instanceof DayNotCompleteException) {
      return new ApiError("DAY_NOT_COMPLETE", "billing", e.getMessage());
    }
    if (e instanceof DayBilledInAnotherZoneException) {
      return new ApiError("DAY_BILLED_IN_ANOTHER_ZONE", "D5", e.getMessage());
    }
    return null;
  }

  @ExceptionHandler(TariffFileException.class)
  ResponseEntity<ApiError> tariffFile(TariffFileException e) {
    return body(HttpStatus.BAD_REQUEST, "INVALID_TARIFF_FILE", "D7", e.getMessage());
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class,
    IllegalArgumentException.class,
    java.time.DateTimeException.class
  })
  ResponseEntity<ApiError> malformed(Exception e) {
    return body(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "input", oneLine(e.getMessage()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
    return body(HttpStatus.NOT_FOUND, "NO_SUCH_ROUTE", "input", "no route " + e.getResourcePath());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return body(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "input", e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "input", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    log.error("request failed", e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "server",
        "the request failed on the server; it is logged");
  }

  private static ResponseEntity<ApiError> body(
      HttpStatus status, String code, String rule, String message) {
    return ResponseEntity.status(status).body(new ApiError(code, rule, message));
  }

  /** A message on one line (a stack of causes or a SQL text never spans lines in a body). */
  public static String oneLine(String message) {
    return message == null ? "malformed request" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}

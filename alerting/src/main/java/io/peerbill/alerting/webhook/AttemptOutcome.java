package io.peerbill.alerting.webhook;

/** How one webhook attempt ended; everything but DELIVERED is retried. */
public enum AttemptOutcome {
  DELIVERED,
  HTTP_ERROR,
  TIMEOUT,
  CONNECTION_ERROR
}

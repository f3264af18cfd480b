package io.peerbill.alerting;

/** A policy that cannot be saved, with a one-line reason the user can act on. */
public final class InvalidAlertPolicyException extends RuntimeException {
  public InvalidAlertPolicyException(String message) {
    super(message);
  }
}

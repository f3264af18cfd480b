package io.peerbill.alerting;

/** A policy that cannot be saved, with a one-line reason the user can act on and a stable code. */
public final class InvalidAlertPolicyException extends RuntimeException {

  /** The code of every refusal that has no more specific one. */
  public static final String INVALID = "INVALID_ALERT_POLICY";

  private final String code;

  public InvalidAlertPolicyException(String message) {
    this(INVALID, message);
  }

  public InvalidAlertPolicyException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}

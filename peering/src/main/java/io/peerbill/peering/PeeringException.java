package io.peerbill.peering;

/**
 * A refused operation: a stable {@link ErrorCode} and a one-line message that names the rule and
 * the offending values, e.g. {@code CIDR_OVERLAP (R4): 10.0.0.0/16 of vpc-a overlaps ...}.
 */
public final class PeeringException extends RuntimeException {

  private final ErrorCode code;

  private PeeringException(ErrorCode code, String detail) {
    super(code.name() + " (" + code.rule() + "): " + detail);
    this.code = code;
  }

  public static PeeringException of(ErrorCode code, String format, Object... args) {
    return new PeeringException(code, String.format(java.util.Locale.ROOT, format, args));
  }

  public ErrorCode code() {
    return code;
  }
}

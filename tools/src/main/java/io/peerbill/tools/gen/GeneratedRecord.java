package io.peerbill.tools.gen;

/**
 * One generated input line and what the job must make of it: {@code outcome} is COUNTED, LATE
 * (counted too, after its bucket's allowed lateness), DUPLICATE, or the reject reason; {@code
 * sample} is the sample behind it (null for lines that are not samples at all).
 */
public record GeneratedRecord(String line, String outcome, GeneratedSample sample) {

  public static final String COUNTED = "COUNTED";
  public static final String LATE = "LATE";
  public static final String DUPLICATE = "DUPLICATE";
  public static final String UNKNOWN_CONNECTION = "UNKNOWN_CONNECTION";

  /** Whether the job adds this line's sample to the traffic tables. */
  public boolean counted() {
    return outcome.equals(COUNTED) || outcome.equals(LATE);
  }
}

package io.peerbill.metering.gen;

import io.peerbill.metering.model.Sample;

/**
 * One generated input line and what the job must make of it: {@code outcome} is COUNTED, DUPLICATE,
 * or the reject reason; {@code sample} is the sample behind it (null for lines that are not samples
 * at all).
 */
public record GeneratedRecord(String line, String outcome, Sample sample) {

  public static final String COUNTED = "COUNTED";
  public static final String DUPLICATE = "DUPLICATE";
}

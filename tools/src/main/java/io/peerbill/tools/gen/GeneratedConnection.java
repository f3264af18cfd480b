package io.peerbill.tools.gen;

/**
 * A connection to generate traffic for: its id and the base level of its day-shaped traffic (the
 * crest is about this, the night trough about 15% of it, bursts 2.5 times it).
 */
public record GeneratedConnection(String connectionId, double baseBps) {

  public static GeneratedConnection mbps(String connectionId, double baseMbps) {
    return new GeneratedConnection(connectionId, baseMbps * 1e6);
  }
}

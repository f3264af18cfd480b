package io.peerbill.alerting;

import java.math.BigDecimal;

/** How a metric value is compared with a policy's threshold. */
public enum Comparison {
  GT(">"),
  GE(">="),
  LT("<"),
  LE("<=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Compared as decimals, so a value of exactly 100.0 is not above a threshold of 100. */
  public boolean breaches(double value, BigDecimal threshold) {
    int c = BigDecimal.valueOf(value).compareTo(threshold);
    return switch (this) {
      case GT -> c > 0;
      case GE -> c >= 0;
      case LT -> c < 0;
      case LE -> c <= 0;
    };
  }

  /** Accepts the symbol ({@code >=}) or the name ({@code GE}, case-insensitive). */
  public static Comparison parse(String text) {
    for (Comparison c : values()) {
      if (c.symbol.equals(text.strip()) || c.name().equalsIgnoreCase(text.strip())) {
        return c;
      }
    }
    throw new InvalidAlertPolicyException(
        "unknown comparator '" + text + "'; expected one of >, >=, <, <=");
  }
}

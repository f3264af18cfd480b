package io.peerbill.alerting;

import java.util.Locale;

/** The vendor's three alert levels (D11). */
public enum Severity {
  REMIND,
  WARN,
  SERIOUS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text.strip())) {
        return s;
      }
    }
    throw new InvalidAlertPolicyException(
        "unknown severity '" + text + "'; expected one of remind, warn, serious");
  }
}

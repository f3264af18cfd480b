package io.peerbill.peering;

/** Dotted-quad IPv4 addresses as unsigned 32-bit values in an {@code int}. */
public final class Ipv4 {

  private Ipv4() {}

  /** Parses {@code a.b.c.d}; refuses anything else with a typed error. */
  public static int parse(String text) {
    return parseOrFail(text == null ? "" : text.strip(), text);
  }

  static int parseOrFail(String address, String shown) {
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid(shown);
    }
    int value = 0;
    for (String part : parts) {
      if (!part.matches("\\d{1,3}")) {
        throw invalid(shown);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw invalid(shown);
      }
      value = value << 8 | octet;
    }
    return value;
  }

  private static PeeringException invalid(String text) {
    return PeeringException.of(
        ErrorCode.INVALID_ADDRESS, "'%s' is not an IPv4 address like 10.0.1.5", text);
  }

  public static String format(int address) {
    return (address >>> 24)
        + "."
        + (address >>> 16 & 0xff)
        + "."
        + (address >>> 8 & 0xff)
        + "."
        + (address & 0xff);
  }
}

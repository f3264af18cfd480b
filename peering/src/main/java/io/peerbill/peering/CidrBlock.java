package io.peerbill.peering;

/**
 * An IPv4 CIDR block with its host bits clear, e.g. {@code 10.0.1.0/24}: the arithmetic behind R4,
 * R5 and routes. Addresses are kept as unsigned 32-bit values in an {@code int}.
 */
public record CidrBlock(int network, int prefix) {

  public CidrBlock {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix must be 0..32, got " + prefix);
    }
    if ((network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("host bits set in " + Ipv4.format(network) + "/" + prefix);
    }
  }

  /**
   * Parses {@code a.b.c.d/n}. A block with host bits set is refused with the aligned block it
   * probably meant ({@code 10.0.1.5/24} → {@code 10.0.1.0/24}).
   */
  public static CidrBlock parse(String text) {
    String s = text == null ? "" : text.strip();
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw PeeringException.of(
          ErrorCode.INVALID_CIDR, "'%s' is not an IPv4 CIDR block like 10.0.0.0/16", text);
    }
    int address = Ipv4.parseOrFail(s.substring(0, slash), text);
    int prefix;
    try {
      prefix = Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > 32 || !s.substring(slash + 1).matches("\\d{1,2}")) {
      throw PeeringException.of(
          ErrorCode.INVALID_CIDR, "'%s' has no prefix length 0..32 after the '/'", text);
    }
    int aligned = address & mask(prefix);
    if (aligned != address) {
      throw PeeringException.of(
          ErrorCode.CIDR_NOT_ALIGNED,
          "%s has host bits set; did you mean %s/%d?",
          s,
          Ipv4.format(aligned),
          prefix);
    }
    return new CidrBlock(address, prefix);
  }

  static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  /** First address, as an unsigned value. */
  public long first() {
    return Integer.toUnsignedLong(network);
  }

  /** Last address, as an unsigned value. */
  public long last() {
    return first() + size() - 1;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  /** Whether the two blocks share at least one address. */
  public boolean overlaps(CidrBlock other) {
    // Two aligned blocks either nest or are disjoint; they nest iff they agree on the shorter mask.
    int shorter = Math.min(prefix, other.prefix);
    return ((network ^ other.network) & mask(shorter)) == 0;
  }

  /** Whether {@code other} lies wholly inside this block (a block contains itself). */
  public boolean contains(CidrBlock other) {
    return prefix <= other.prefix && ((network ^ other.network) & mask(prefix)) == 0;
  }

  public boolean contains(int address) {
    return ((network ^ address) & mask(prefix)) == 0;
  }

  @Override
  public String toString() {
    return Ipv4.format(network) + "/" + prefix;
  }
}

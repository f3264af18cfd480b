package io.peerbill.peering;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jooq.postgres.extensions.types.Cidr;

/** Converts between our {@link CidrBlock} and the {@code cidr} column type jOOQ maps. */
final class Cidrs {

  private Cidrs() {}

  static Cidr toDb(CidrBlock block) {
    int n = block.network();
    byte[] bytes = {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    try {
      return Cidr.valueOf(InetAddress.getByAddress(bytes), block.prefix());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  static CidrBlock fromDb(Cidr cidr) {
    if (!(cidr.address() instanceof Inet4Address v4)) {
      throw new IllegalStateException("not IPv4: " + cidr);
    }
    byte[] b = v4.getAddress();
    int n = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    return new CidrBlock(n, cidr.prefix());
  }
}

package io.peerbill.peering;

import java.util.List;

/** The rules a connection's two ends must satisfy, as pure checks over loaded VPCs. */
final class PeeringRules {

  private PeeringRules() {}

  /** R4: no block of one end may overlap a block of the other. */
  static void endsDoNotOverlap(Vpc a, Vpc b) {
    CidrBlock[] clash = a.firstOverlapWith(b);
    if (clash != null) {
      throw PeeringException.of(
          ErrorCode.CIDR_OVERLAP,
          "%s of %s overlaps %s of %s; the two ends of a connection must not overlap",
          clash[0],
          a.id(),
          clash[1],
          b.id());
    }
  }

  /**
   * R5: the cross-region peers of one VPC must not overlap each other. {@code otherPeers} are the
   * VPCs joined to {@code end} by its other live cross-region connections.
   */
  static void crossRegionPeersDistinct(Vpc end, Vpc newPeer, List<Vpc> otherPeers) {
    for (Vpc other : otherPeers) {
      CidrBlock[] clash = newPeer.firstOverlapWith(other);
      if (clash != null) {
        throw PeeringException.of(
            ErrorCode.PEER_CIDR_OVERLAP,
            "%s of %s overlaps %s of %s, already a cross-region peer of %s;"
                + " cross-region peers of one VPC must not overlap",
            clash[0],
            newPeer.id(),
            clash[1],
            other.id(),
            end.id());
      }
    }
  }

  /** R8: a VPC may have at most {@code max} live connections, pending ones counted. */
  static void withinLimit(String vpcId, long liveAfter, int max) {
    if (liveAfter > max) {
      throw PeeringException.of(
          ErrorCode.LIMIT_EXCEEDED,
          "%s already has %d live peering connections (pending counted); the limit is %d",
          vpcId,
          liveAfter - 1,
          max);
    }
  }

  /** R16, D3: cross-region needs a cap within the limits; same-region takes none. */
  static void capFits(Scope scope, Integer capMbps, PeeringSettings settings) {
    if (scope == Scope.SAME_REGION) {
      if (capMbps != null) {
        throw PeeringException.of(
            ErrorCode.CAP_NOT_ALLOWED,
            "a same-region connection has no bandwidth cap, got %d Mbps",
            capMbps);
      }
      return;
    }
    if (capMbps == null) {
      throw PeeringException.of(
          ErrorCode.CAP_REQUIRED, "a cross-region connection needs a bandwidth cap in Mbps");
    }
    if (capMbps < settings.minCapMbps() || capMbps > settings.maxCapMbps()) {
      throw PeeringException.of(
          ErrorCode.CAP_OUT_OF_RANGE,
          "bandwidth cap %d Mbps is outside %d..%d Mbps",
          capMbps,
          settings.minCapMbps(),
          settings.maxCapMbps());
    }
  }
}

package io.peerbill.peering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The live connections around VPCs and the overlap rules they impose (R4, R5). Callers hold the
 * locks of the VPCs they ask about, so what is read here cannot change before commit.
 */
final class PeerGraph {

  private final Store store;

  PeerGraph(Store store) {
    this.store = store;
  }

  List<Connection> live(String vpcId) {
    return store.connections.liveOf(List.of(vpcId));
  }

  /** VPCs joined to {@code vpcId} by live cross-region connections other than {@code exceptId}. */
  List<Vpc> crossRegionPeers(String vpcId, String exceptId) {
    List<String> peers =
        live(vpcId).stream()
            .filter(Connection::isCrossRegion)
            .filter(c -> !c.id().equals(exceptId))
            .map(c -> c.otherEnd(vpcId))
            .toList();
    return store.vpcs.all(peers);
  }

  /**
   * R4 and, for a cross-region connection, R5 at both ends: may {@code a} and {@code b} be joined,
   * treating the connection {@code selfId} (null for a new one) as not yet there.
   */
  void checkJoin(Vpc a, Vpc b, Scope scope, String selfId) {
    PeeringRules.endsDoNotOverlap(a, b);
    if (scope == Scope.CROSS_REGION) {
      PeeringRules.crossRegionPeersDistinct(a, b, crossRegionPeers(a.id(), selfId));
      PeeringRules.crossRegionPeersDistinct(b, a, crossRegionPeers(b.id(), selfId));
    }
  }

  /**
   * Locks {@code vpcId} with every VPC it is peered with, in id order. The peer set is read before
   * the lock; should it have grown meanwhile, the newcomers are locked too (a rare case in which a
   * deadlock is possible; the transaction is then retried).
   */
  Set<String> lockWithPeers(String vpcId) {
    Set<String> locked = new HashSet<>(peerIds(vpcId));
    locked.add(vpcId);
    store.vpcs.lock(locked);
    List<String> missing = new ArrayList<>(peerIds(vpcId));
    missing.removeAll(locked);
    if (!missing.isEmpty()) {
      store.vpcs.lock(missing);
      locked.addAll(missing);
    }
    return locked;
  }

  private List<String> peerIds(String vpcId) {
    return live(vpcId).stream().map(c -> c.otherEnd(vpcId)).filter(Objects::nonNull).toList();
  }
}

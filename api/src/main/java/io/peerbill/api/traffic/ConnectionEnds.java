package io.peerbill.api.traffic;

import io.peerbill.peering.Connection;
import io.peerbill.peering.Peering;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which accounts are the ends of a connection, remembered: the requester and the accepter of a
 * connection never change, so once the peering service has shown a connection to one of its ends
 * the answer can be reused. Whoever is not an end gets the service's own refusal (a 404 that does
 * not tell a foreign connection from a missing one).
 */
final class ConnectionEnds {

  private record Ends(String requester, String accepter) {}

  /** Bounds the memory: past it the map starts over (the service answers again). */
  private static final int MAX = 100_000;

  private final Peering peering;
  private final Map<String, Ends> known = new ConcurrentHashMap<>();

  ConnectionEnds(Peering peering) {
    this.peering = peering;
  }

  /**
   * Returns when {@code actor} is an end of {@code connectionId}, else throws as the service does.
   */
  void require(String actor, String connectionId) {
    Ends ends = known.get(connectionId);
    if (ends != null && (ends.requester().equals(actor) || ends.accepter().equals(actor))) {
      return;
    }
    Connection shown = peering.connections().show(actor, connectionId);
    if (known.size() >= MAX) {
      known.clear();
    }
    known.put(connectionId, new Ends(shown.requesterAccountId(), shown.accepterAccountId()));
  }
}

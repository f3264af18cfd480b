package io.peerbill.alerting;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Every enabled policy at one moment, with the facts of the connections they watch: what the
 * running job evaluates until the next snapshot replaces it.
 *
 * @param revision the highest policy revision seen: grows with every policy change
 */
public record PolicySnapshot(
    long revision, List<AlertPolicy> policies, Map<String, ConnectionFacts> connections)
    implements Serializable {

  public static final PolicySnapshot EMPTY = new PolicySnapshot(0, List.of(), Map.of());

  public ConnectionFacts connection(String connectionId) {
    return connections.get(connectionId);
  }

  /** The policies watching this connection on this statistic period. */
  public List<AlertPolicy> watching(String connectionId, StatisticPeriod period) {
    ConnectionFacts connection = connections.get(connectionId);
    if (connection == null) {
      return List.of();
    }
    return policies.stream()
        .filter(p -> p.spec().period() == period && p.covers(connection))
        .toList();
  }
}

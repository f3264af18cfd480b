package io.peerbill.metering.validate;

import static io.peerbill.schema.jooq.Tables.CAP_IN_FORCE;
import static io.peerbill.schema.jooq.Tables.PEERING_ACTIVE_INTERVAL;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Reads the connection metadata the stream needs straight from the lifecycle tables: the view
 * {@code peering_active_interval} is the one definition of ACTIVE time (D1, D12).
 */
public final class ConnectionCatalogLoader {

  private ConnectionCatalogLoader() {}

  public static ConnectionCatalog load(DSLContext sql, long nowMillis) {
    Map<String, List<long[]>> active = new HashMap<>();
    for (Record r :
        sql.select(
                PEERING_ACTIVE_INTERVAL.CONNECTION_ID,
                PEERING_ACTIVE_INTERVAL.ACTIVE_FROM,
                PEERING_ACTIVE_INTERVAL.ACTIVE_TO)
            .from(PEERING_ACTIVE_INTERVAL)
            .orderBy(PEERING_ACTIVE_INTERVAL.CONNECTION_ID, PEERING_ACTIVE_INTERVAL.ACTIVE_FROM)
            .fetch()) {
      OffsetDateTime to = r.get(PEERING_ACTIVE_INTERVAL.ACTIVE_TO);
      active
          .computeIfAbsent(r.get(PEERING_ACTIVE_INTERVAL.CONNECTION_ID), k -> new ArrayList<>())
          .add(
              new long[] {
                millis(r.get(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM)),
                to == null ? Long.MAX_VALUE : millis(to)
              });
    }
    // The spans of cap_in_force, the one definition of it (D3). A connection without history
    // holds its current cap over all time there, which ConnectionInfo falls back to anyway.
    Map<String, List<long[]>> caps = new HashMap<>();
    for (Record r :
        sql.select(CAP_IN_FORCE.CONNECTION_ID, CAP_IN_FORCE.IN_FORCE_FROM, CAP_IN_FORCE.CAP_MBPS)
            .from(CAP_IN_FORCE)
            .where(
                CAP_IN_FORCE.IN_FORCE_FROM.gt(
                    DSL.field("'-infinity'::timestamptz", OffsetDateTime.class)))
            .orderBy(CAP_IN_FORCE.CONNECTION_ID, CAP_IN_FORCE.IN_FORCE_FROM)
            .fetch()) {
      caps.computeIfAbsent(r.get(CAP_IN_FORCE.CONNECTION_ID), k -> new ArrayList<>())
          .add(
              new long[] {millis(r.get(CAP_IN_FORCE.IN_FORCE_FROM)), r.get(CAP_IN_FORCE.CAP_MBPS)});
    }
    Map<String, ConnectionInfo> connections = new HashMap<>();
    for (var c : sql.selectFrom(PEERING_CONNECTION).fetch()) {
      List<long[]> intervals = active.getOrDefault(c.getId(), List.of());
      List<long[]> capChanges = caps.getOrDefault(c.getId(), List.of());
      connections.put(
          c.getId(),
          new ConnectionInfo(
              c.getId(),
              c.getScope(),
              c.getRequesterRegion(),
              c.getAccepterRegion(),
              c.getRequesterAccountId(),
              c.getAccepterAccountId(),
              intervals.stream().mapToLong(i -> i[0]).toArray(),
              intervals.stream().mapToLong(i -> i[1]).toArray(),
              capChanges.stream().mapToLong(i -> i[0]).toArray(),
              capChanges.stream().mapToInt(i -> (int) i[1]).toArray(),
              c.getBandwidthCapMbps()));
    }
    return new ConnectionCatalog(Map.copyOf(connections), nowMillis);
  }

  private static long millis(OffsetDateTime t) {
    return t.toInstant().toEpochMilli();
  }
}

package io.peerbill.tools.gen;

import io.peerbill.peering.Connection;
import io.peerbill.peering.ErrorCode;
import io.peerbill.peering.PeeringException;
import io.peerbill.peering.Vpc;
import io.peerbill.peering.WorldBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Registers the connections the generator sends traffic for, through the peering service (so every
 * rule holds for them): {@code count} ACTIVE connections from account {@value #ACCOUNT_A} to
 * {@value #ACCOUNT_B}, each between a VPC pair of its own (one connection per VPC, far from R8's
 * ten), accepted at one instant; the first, third, … cross-region (Guangzhou–Beijing, cap {@value
 * #CROSS_REGION_CAP_MBPS} Mbps, R16), the others same-region. Connections already registered under
 * the generator's names ("generated 1", …) are reused, so registering again adds only the missing
 * ones. Returns their ids in generator order, for {@link SampleGenerator#forConnections}.
 */
public final class GeneratedFleet {

  public static final String ACCOUNT_A = "100001";
  public static final String ACCOUNT_B = "100002";
  public static final int CROSS_REGION_CAP_MBPS = 1000;

  private GeneratedFleet() {}

  /** Connections 1..count, ACTIVE from {@code activeFrom}; their ids in generator order. */
  public static List<String> register(DSLContext sql, int count, Instant activeFrom) {
    Clock at = Clock.fixed(activeFrom, ZoneOffset.UTC);
    WorldBuilder world = new WorldBuilder(sql, at);
    ignoreExisting(() -> world.account(ACCOUNT_A, "Generated A"));
    ignoreExisting(() -> world.account(ACCOUNT_B, "Generated B"));
    ignoreExisting(() -> world.region("ap-guangzhou", "Guangzhou", "cn-mainland"));
    ignoreExisting(() -> world.region("ap-beijing", "Beijing", "cn-mainland"));
    Map<String, String> existing = registered(sql);
    List<String> ids = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      String name = name(index);
      String id = existing.get(name);
      if (id == null) {
        int i = index;
        // One commit per connection's four steps, not one per step.
        id = sql.transactionResult(tx -> create(new WorldBuilder(tx.dsl(), at), i, name).id());
      }
      ids.add(id);
    }
    return ids;
  }

  /** Whether connection {@code index} (0-based) is cross-region: 0, 2, 4, … */
  public static boolean crossRegion(int index) {
    return index % 2 == 0;
  }

  private static Connection create(WorldBuilder in, int index, String name) {
    boolean cross = crossRegion(index);
    Vpc a = in.namedVpc("generated a", ACCOUNT_A, "ap-guangzhou", "10.0.0.0/16");
    Vpc b =
        in.namedVpc("generated b", ACCOUNT_B, cross ? "ap-beijing" : "ap-guangzhou", "10.1.0.0/16");
    return in.peer(name, a, b, cross ? CROSS_REGION_CAP_MBPS : null);
  }

  private static String name(int index) {
    return "generated " + (index + 1);
  }

  /** ACTIVE connections of the generated accounts by name. */
  private static Map<String, String> registered(DSLContext sql) {
    return sql.fetch(
            "SELECT name, id FROM peering_connection WHERE requester_account_id = ?"
                + " AND accepter_account_id = ? AND state = 'ACTIVE' AND name LIKE 'generated %'",
            ACCOUNT_A, ACCOUNT_B)
        .intoMap(DSL.field("name", String.class), DSL.field("id", String.class));
  }

  private static void ignoreExisting(Runnable register) {
    try {
      register.run();
    } catch (PeeringException e) {
      if (e.code() != ErrorCode.ACCOUNT_EXISTS && e.code() != ErrorCode.REGION_EXISTS) {
        throw e;
      }
    }
  }
}

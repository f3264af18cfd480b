package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Loads a {@link PolicySnapshot}: the enabled policies and the connections they watch. */
public final class PolicySnapshotLoader {

  private final DSLContext dsl;

  public PolicySnapshotLoader(DSLContext dsl) {
    this.dsl = dsl;
  }

  public PolicySnapshot load() {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          Long revision =
              t.select(DSL.max(ALERT_POLICY.REVISION)).from(ALERT_POLICY).fetchOne(0, Long.class);
          // Without their webhook secrets: the snapshot goes into Flink state and checkpoints; the
          // sender looks the secret up when it sends.
          List<AlertPolicy> policies = new AlertPolicyRepository(t, null).enabled();
          Set<String> named = new HashSet<>();
          Set<String> accountsWatchingAll = new HashSet<>();
          for (AlertPolicy p : policies) {
            if (p.spec().allConnections()) {
              accountsWatchingAll.add(p.accountId());
            } else {
              named.add(p.spec().connectionId());
            }
          }
          ConnectionFactsRepository facts = new ConnectionFactsRepository(t);
          Map<String, ConnectionFacts> connections = new HashMap<>();
          facts.byIds(named).forEach(c -> connections.put(c.id(), c));
          facts.liveOfAccounts(accountsWatchingAll).forEach(c -> connections.put(c.id(), c));
          return new PolicySnapshot(
              revision == null ? 0 : revision, List.copyOf(policies), Map.copyOf(connections));
        });
  }
}

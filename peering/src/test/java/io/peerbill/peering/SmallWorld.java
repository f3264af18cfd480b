package io.peerbill.peering;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.TestDatabase;
import java.time.Instant;

/** The peering tests' names: two accounts and three regions, registered through the builder. */
final class SmallWorld {

  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final String ACME = "100001";
  static final String GLOBEX = "100002";
  static final String GUANGZHOU = "ap-guangzhou";
  static final String SHANGHAI = "ap-shanghai";
  static final String SINGAPORE = "ap-singapore";

  private SmallWorld() {}

  /** The world at {@link #T0} on a clock no one moves. */
  static WorldBuilder of(TestDatabase db) {
    return of(db, new MutableClock(T0), PeeringSettings.DEFAULTS);
  }

  static WorldBuilder of(TestDatabase db, PeeringSettings settings) {
    return of(db, new MutableClock(T0), settings);
  }

  static WorldBuilder of(TestDatabase db, MutableClock clock) {
    return of(db, clock, PeeringSettings.DEFAULTS);
  }

  static WorldBuilder of(TestDatabase db, MutableClock clock, PeeringSettings settings) {
    return new WorldBuilder(db.dsl(), clock, settings)
        .account(ACME, "Acme")
        .account(GLOBEX, "Globex")
        .region(GUANGZHOU, "Guangzhou", "cn-mainland")
        .region(SHANGHAI, "Shanghai", "cn-mainland")
        .region(SINGAPORE, "Singapore", "overseas");
  }
}

package io.peerbill.peering;

import static io.peerbill.peering.Refusals.refused;
import static io.peerbill.peering.SmallWorld.ACME;
import static io.peerbill.peering.SmallWorld.GLOBEX;
import static io.peerbill.peering.SmallWorld.GUANGZHOU;
import static io.peerbill.peering.SmallWorld.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** D13: a connection's charge mode, kept with its history, effective from a month's first day. */
@ExtendWith(PostgresExtension.class)
class ChargeModesTest {

  static final ZoneId BILLING_ZONE = ZoneId.of("Asia/Shanghai");

  private final MutableClock clock = new MutableClock(SmallWorld.T0);
  private WorldBuilder world;
  private ChargeModes modes;
  private Vpc acmeGz;
  private Vpc globexSh;

  @BeforeEach
  void world(TestDatabase db) {
    world = SmallWorld.of(db, clock); // 2026-11-20T08:00Z
    modes = world.peering().chargeModes();
    acmeGz = world.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    globexSh = world.vpc(GLOBEX, SHANGHAI, "10.2.0.0/16");
  }

  static Instant startOf(LocalDate day) {
    return day.atStartOfDay(BILLING_ZONE).toInstant();
  }

  @Test
  void connectionIsDailyPeakUntilToldOtherwise_D13() {
    Connection c = world.peer(acmeGz, globexSh, 100);
    assertThat(modes.history(ACME, c.id())).isEmpty();
    assertThat(ChargeModes.inForce(modes.history(GLOBEX, c.id()), SmallWorld.T0))
        .isEqualTo(ChargeMode.DAILY_PEAK);
  }

  @Test
  void modeChosenAtCreationIsInForceFromTheMonthOfCreation_D13() {
    Connection c =
        world
            .peering()
            .connections()
            .create(
                ACME,
                new ConnectionRequest("m", acmeGz.id(), globexSh.id(), GLOBEX, null, 100),
                ChargeMode.MONTHLY_95TH,
                BILLING_ZONE);

    List<ChargeModeChange> history = modes.history(ACME, c.id());
    assertThat(history).hasSize(1);
    assertThat(history.get(0).effectiveMonth()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(history.get(0).effectiveFrom()).isEqualTo(startOf(LocalDate.of(2026, 11, 1)));
    assertThat(ChargeModes.inForce(history, SmallWorld.T0)).isEqualTo(ChargeMode.MONTHLY_95TH);
  }

  @Test
  void laterChangeTakesEffectOnTheFirstOfTheNextMonthInTheBillingZone_D13() {
    Connection c = world.peer(acmeGz, globexSh, 100);
    ChargeModeChange toMonthly = modes.set(ACME, c.id(), ChargeMode.MONTHLY_95TH, BILLING_ZONE);
    // 2026-11-30T17:00Z is already 1 December in Shanghai: the next month there is January.
    clock.set(Instant.parse("2026-11-30T17:00:00Z"));
    ChargeModeChange back = modes.set(ACME, c.id(), ChargeMode.DAILY_PEAK, BILLING_ZONE);

    assertThat(toMonthly.effectiveMonth()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(back.effectiveMonth()).isEqualTo(LocalDate.of(2027, 1, 1));
    List<ChargeModeChange> history = modes.history(GLOBEX, c.id());
    assertThat(history).containsExactly(toMonthly, back);
    Instant december = startOf(LocalDate.of(2026, 12, 1));
    assertThat(ChargeModes.inForce(history, december.minusMillis(1)))
        .isEqualTo(ChargeMode.DAILY_PEAK);
    assertThat(ChargeModes.inForce(history, december)).isEqualTo(ChargeMode.MONTHLY_95TH);
    assertThat(ChargeModes.inForce(history, startOf(LocalDate.of(2027, 1, 1))))
        .isEqualTo(ChargeMode.DAILY_PEAK);
  }

  @Test
  void onlyTheRequesterOfALiveCrossRegionConnectionChangesIt_D13_D8() {
    Connection c = world.peer(acmeGz, globexSh, 100);
    refused(
        ErrorCode.NOT_AUTHORIZED,
        () -> modes.set(GLOBEX, c.id(), ChargeMode.MONTHLY_95TH, BILLING_ZONE));
    Vpc acmeGz2 = world.vpc(ACME, GUANGZHOU, "10.5.0.0/16");
    Connection local = world.peer(acmeGz, acmeGz2, null);
    refused(
        ErrorCode.CHARGE_MODE_NOT_ALLOWED,
        () -> modes.set(ACME, local.id(), ChargeMode.MONTHLY_95TH, BILLING_ZONE));
    world.peering().connections().delete(ACME, c.id());
    refused(
        ErrorCode.INVALID_STATE,
        () -> modes.set(ACME, c.id(), ChargeMode.MONTHLY_95TH, BILLING_ZONE));
    assertThat(modes.history(ACME, c.id())).isEmpty();
  }
}

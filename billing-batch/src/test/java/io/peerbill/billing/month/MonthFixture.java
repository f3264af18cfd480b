package io.peerbill.billing.month;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import io.peerbill.peering.ChargeMode;
import io.peerbill.peering.ChargeModes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What monthly billing reads beyond the daily fixture: charge modes, monthly tariffs, and a month
 * of 5-minute buckets written in one statement.
 */
final class MonthFixture {

  /** Monthly volume tiers (per Mbps per month): below 500 at 40.00, from 500 at 35.00. */
  static final String LOW_PRICE = "40.00";

  static final String HIGH_PRICE = "35.00";

  private final DSLContext dsl;

  MonthFixture(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The connection is billed by the month from the month's first day on (D13). */
  void monthly(String connectionId, BillingMonth from) {
    mode(connectionId, ChargeMode.MONTHLY_95TH, from);
  }

  /**
   * The requester's account chooses {@code mode} the day before {@code from} begins: the charge
   * mode changes from the next calendar month on (D13), i.e. from {@code from}.
   */
  void mode(String connectionId, ChargeMode mode, BillingMonth from) {
    Clock dayBefore = Clock.fixed(from.start().minus(Duration.ofDays(1)), ZoneOffset.UTC);
    new ChargeModes(dsl, dayBefore).set(BillingFixture.REQUESTER, connectionId, mode, from.zone());
  }

  /** The cn-mainland MONTHLY_95TH tariff in force from 2026-01-01. */
  void monthlyTariff(TariffRepository tariffs) {
    tariffs.load(
        List.of(
            new Tariff(
                null,
                "cn-mainland:cn-mainland",
                java.time.LocalDate.of(2026, 1, 1),
                TierModel.VOLUME,
                "CNY",
                List.of(
                    new TariffTier(
                        BigDecimal.ZERO, new BigDecimal("500"), new BigDecimal(LOW_PRICE)),
                    new TariffTier(new BigDecimal("500"), null, new BigDecimal(HIGH_PRICE))),
                ChargeMode.MONTHLY_95TH)));
  }

  /** Partitions of every UTC day the month touches, one day either side. */
  void partitions(BillingMonth month) {
    dsl.execute(
        "SELECT traffic_ensure_partitions(?::date, ?::date)",
        month.start().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString(),
        month.end().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString());
  }

  /**
   * A bucket every 5 minutes in [from, to): bucket i (from 0) carries, inbound, {@code
   * mbpsTimesTwo(i) / 2} Mbps, where mbpsTimesTwo(i) = (i × 7919 mod modulus) + 1, a shuffled
   * permutation of 1..modulus when modulus and 7919 are coprime; outbound 1 Mbps.
   */
  int shuffled(String connectionId, Instant from, Instant to, int modulus) {
    return dsl.execute(
        """
        INSERT INTO traffic_5m (connection_id, bucket_start, in_bytes, out_bytes, in_packets,
                                out_packets, in_dropped, out_dropped, sample_count)
        SELECT ?, to_timestamp(?::bigint + i * 300),
               ((i * 7919) % ?::bigint + 1) * 18750000, 37500000, 0, 0, 0, 0, 1
          FROM generate_series(0, (?::bigint - ?::bigint) / 300 - 1) i
        """,
        connectionId, from.getEpochSecond(), modulus, to.getEpochSecond(), from.getEpochSecond());
  }

  /** A bucket every 5 minutes in [from, to) of {@code mbps} inbound (bytes = Mbps x 37.5 M). */
  int constant(String connectionId, Instant from, Instant to, int mbps) {
    return dsl.execute(
        """
        INSERT INTO traffic_5m (connection_id, bucket_start, in_bytes, out_bytes, in_packets,
                                out_packets, in_dropped, out_dropped, sample_count)
        SELECT ?, to_timestamp(?::bigint + i * 300), ?::bigint * 37500000, 0, 0, 0, 0, 0, 1
          FROM generate_series(0, (?::bigint - ?::bigint) / 300 - 1) i
        """,
        connectionId,
        from.getEpochSecond(),
        mbps,
        to.getEpochSecond(),
        from.getEpochSecond());
  }

  /** The start of bucket i of a {@link #shuffled} series whose value is {@code mbpsTimesTwo}. */
  static Instant bucketOfValue(Instant from, int modulus, int mbpsTimesTwo) {
    for (int i = 0; i < modulus; i++) {
      if ((int) ((i * 7919L) % modulus) + 1 == mbpsTimesTwo) {
        return from.plusSeconds(300L * i);
      }
    }
    throw new IllegalArgumentException("no bucket carries " + mbpsTimesTwo);
  }
}

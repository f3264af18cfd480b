package io.peerbill.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The billing day the billing tests bill (2026-11-25 in Asia/Shanghai) and its named instants. */
public final class BillingInstants {

  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  public static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  public static final BillingDay SHANGHAI_DAY = new BillingDay(DAY, SHANGHAI);

  /** 2026-11-24T16:00:00Z. */
  public static final Instant DAY_START = SHANGHAI_DAY.start();

  /** 2026-11-25T16:00:00Z. */
  public static final Instant DAY_END = SHANGHAI_DAY.end();

  /** Three days before the day: when the connections the day bills became ACTIVE. */
  public static final Instant BEFORE_DAY = DAY_START.minus(Duration.ofDays(3));

  private BillingInstants() {}
}

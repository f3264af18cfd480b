package io.peerbill.billing;

import io.peerbill.db.PeerbillHome;
import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the billing application ({@code peerbill.billing.*} in application.yml, each
 * overridable from the environment, e.g. {@code PEERBILL_BILLING_ZONE}).
 *
 * @param zone the zone whose calendar days are billing days (D5)
 * @param payer who pays a cross-region connection (D8)
 * @param currency currency of lines no tariff prices (free, no traffic, failed)
 * @param statementDir where statement CSV files are written
 * @param schedule cron of the service's nightly run (catching up to the previous day)
 * @param catchUpDays how many days back, up to yesterday, the nightly run bills each day that is
 *     complete and not yet billed
 * @param chunkSize bill lines per transaction
 * @param aggregateWorkMem PostgreSQL {@code work_mem} for the day's one big aggregate (the staging
 *     statement only): at the server's default (4 MB) a day of 100,000 connections spills its hash
 *     aggregate to disk; null or blank keeps the server's setting
 */
@ConfigurationProperties("peerbill.billing")
public record BillingProperties(
    ZoneId zone,
    Payer payer,
    String currency,
    Path statementDir,
    String schedule,
    int catchUpDays,
    int chunkSize,
    String aggregateWorkMem) {

  public BillingProperties {
    // Where statements are written; in a test JVM never in the user's own peerbill home.
    statementDir = statementDir == null ? null : PeerbillHome.check(statementDir);
    if (catchUpDays < 1) {
      throw new IllegalArgumentException(
          "peerbill.billing.catch-up-days must be at least 1, got " + catchUpDays);
    }
  }

  /** D8: the requester's account pays, unless configured otherwise. */
  public enum Payer {
    REQUESTER,
    ACCEPTER
  }
}

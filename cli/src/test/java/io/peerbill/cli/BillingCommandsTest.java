package io.peerbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** bill, tariff and bills wired into the command tree, against a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class BillingCommandsTest {

  @AfterEach
  void forgetDatabase() {
    System.clearProperty("peerbill.db.url");
    System.clearProperty("peerbill.db.user");
    System.clearProperty("peerbill.billing.statement-dir");
  }

  @Test
  void tariffLoadListBillAndShow(TestDatabase db, @TempDir Path dir) throws Exception {
    // Spring Boot reads system properties: the billing application uses this test's database.
    System.setProperty("peerbill.db.url", db.jdbcUrl());
    System.setProperty("peerbill.db.user", db.user());
    System.setProperty("peerbill.billing.statement-dir", dir.toString());
    Path tariffs = dir.resolve("tariffs.csv");
    Files.writeString(
        tariffs,
        "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price\n"
            + "cn-mainland:overseas,2026-01-01,VOLUME,CNY,0,500,1.54\n"
            + "cn-mainland:overseas,2026-01-01,VOLUME,CNY,500,,1.50\n");

    PeerbillCliTest.StringCapture load = new PeerbillCliTest.StringCapture();
    assertThat(load.run("tariff", "load", tariffs.toString())).as(load.err()).isZero();
    assertThat(load.out()).contains("loaded 1 tariff(s)");

    PeerbillCliTest.StringCapture list = new PeerbillCliTest.StringCapture();
    assertThat(list.run("tariff", "list")).as(list.err()).isZero();
    assertThat(list.out())
        .contains("cn-mainland:overseas from 2026-01-01, VOLUME, CNY")
        .contains("500.00 -  Mbps: 1.5");

    PeerbillCliTest.StringCapture dryRun = new PeerbillCliTest.StringCapture();
    PeerbillCliTest.StringCapture unscoped = new PeerbillCliTest.StringCapture();
    assertThat(unscoped.run("bill", "--date", "2026-11-25", "--dry-run")).isEqualTo(2);
    assertThat(unscoped.err().strip())
        .startsWith("peerbill: give --account ACCOUNT, or --all-accounts")
        .doesNotContain("\n");
    assertThat(dryRun.run("bill", "--date", "2026-11-25", "--dry-run", "--all-accounts"))
        .as(dryRun.err())
        .isZero();
    assertThat(dryRun.out())
        .contains("dry run: 0 line(s) for 2026-11-25 (Asia/Shanghai), nothing stored");

    PeerbillCliTest.StringCapture refused = new PeerbillCliTest.StringCapture();
    assertThat(refused.run("bill", "--date", "2026-11-25")).isEqualTo(1);
    assertThat(refused.err().strip())
        .startsWith("peerbill: cannot bill 2026-11-25 (Asia/Shanghai): the metering stream")
        .doesNotContain("\n");

    PeerbillCliTest.StringCapture forced = new PeerbillCliTest.StringCapture();
    assertThat(forced.run("bill", "--date", "2026-11-25", "--force")).as(forced.err()).isZero();
    assertThat(forced.out())
        .contains("billing day 2026-11-25 (Asia/Shanghai): COMPLETED")
        .contains("lines: none");
    assertThat(dir.resolve("statements-2026-11-25.csv")).exists();

    PeerbillCliTest.StringCapture show = new PeerbillCliTest.StringCapture();
    PeerbillCliTest.StringCapture everyone = new PeerbillCliTest.StringCapture();
    assertThat(everyone.run("bills", "show", "--date", "2026-11-25")).isEqualTo(2);
    assertThat(everyone.err()).contains("--all-accounts");
    assertThat(show.run("bills", "show", "--date", "2026-11-25", "--all-accounts")).isZero();
    assertThat(show.out()).contains("no bills for 2026-11-25");

    // Pages are rendered on request, of an account or (said so) of every one.
    PeerbillCliTest.StringCapture unscopedPages = new PeerbillCliTest.StringCapture();
    assertThat(unscopedPages.run("bills", "pages", "--date", "2026-11-25")).isEqualTo(2);
    assertThat(unscopedPages.err()).contains("--all-accounts");
    PeerbillCliTest.StringCapture noPages = new PeerbillCliTest.StringCapture();
    assertThat(noPages.run("bills", "pages", "--date", "2026-11-25", "--all-accounts"))
        .isEqualTo(1);
    assertThat(noPages.err().strip())
        .isEqualTo(
            "peerbill: no statement for 2026-11-25 (not billed, or no connection was active that"
                + " day)");
  }

  @Test
  void aDayBeingBilledByAnotherProcessIsRefusedWithOneLine(TestDatabase db, @TempDir Path dir)
      throws Exception {
    System.setProperty("peerbill.db.url", db.jdbcUrl());
    System.setProperty("peerbill.db.user", db.user());
    System.setProperty("peerbill.billing.statement-dir", dir.toString());
    // Another process's fence on the day: billing's advisory lock ("bill", days since 1970).
    try (Connection other = db.dataSource().getConnection();
        PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
      lock.setInt(1, 0x62696c6c);
      lock.setInt(2, (int) LocalDate.of(2026, 11, 25).toEpochDay());
      lock.execute();

      PeerbillCliTest.StringCapture refused = new PeerbillCliTest.StringCapture();
      assertThat(refused.run("bill", "--date", "2026-11-25", "--force")).isEqualTo(1);
      assertThat(refused.err().strip())
          .startsWith(
              "peerbill: cannot bill 2026-11-25: it is being billed by another peerbill process"
                  + " (PostgreSQL backend ")
          .endsWith("; run bill again once that has finished")
          .doesNotContain("\n")
          .doesNotContain("Exception");
    }
    PeerbillCliTest.StringCapture after = new PeerbillCliTest.StringCapture();
    assertThat(after.run("bill", "--date", "2026-11-25", "--force")).as(after.err()).isZero();
  }

  @Test
  void monthlyBillAndWhatIfFromTheCommandLine_D13_D14(TestDatabase db, @TempDir Path dir)
      throws Exception {
    System.setProperty("peerbill.db.url", db.jdbcUrl());
    System.setProperty("peerbill.db.user", db.user());
    System.setProperty("peerbill.billing.statement-dir", dir.toString());
    Path tariffs = dir.resolve("tariffs.csv");
    Files.writeString(
        tariffs,
        "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price,charge_mode\n"
            + "cn-mainland:overseas,2026-01-01,VOLUME,CNY,0,,40.00,MONTHLY_95TH\n");
    PeerbillCliTest.StringCapture list = new PeerbillCliTest.StringCapture();
    assertThat(list.run("tariff", "load", tariffs.toString())).as(list.err()).isZero();
    assertThat(list.run("tariff", "list")).isZero();
    assertThat(list.out())
        .contains("cn-mainland:overseas from 2026-01-01, VOLUME, CNY, MONTHLY_95TH (per Mbps");

    PeerbillCliTest.StringCapture refused = new PeerbillCliTest.StringCapture();
    assertThat(refused.run("bill", "--month", "2026-11")).isEqualTo(1);
    assertThat(refused.err().strip())
        .startsWith("peerbill: cannot bill 2026-11 (Asia/Shanghai): the metering stream")
        .doesNotContain("\n");
    PeerbillCliTest.StringCapture month = new PeerbillCliTest.StringCapture();
    assertThat(month.run("bill", "--month", "2026-11", "--force")).as(month.err()).isZero();
    assertThat(month.out())
        .contains("billing month 2026-11 (Asia/Shanghai): COMPLETED")
        .contains("month lines: none");
    assertThat(dir.resolve("statements-2026-11.csv")).exists();
    assertThat(dir.resolve("month-lines-2026-11.csv")).exists();
    PeerbillCliTest.StringCapture bad = new PeerbillCliTest.StringCapture();
    assertThat(bad.run("bill", "--month", "2026-13")).isEqualTo(2);
    assertThat(bad.err())
        .contains("'2026-13' is not a month (YYYY-MM)")
        .doesNotContain("Exception");

    // Month pages on request: none for a month without MONTHLY_95TH lines, said in one line.
    PeerbillCliTest.StringCapture noMonthPages = new PeerbillCliTest.StringCapture();
    assertThat(noMonthPages.run("bills", "pages", "--month", "2026-11", "--all-accounts"))
        .isEqualTo(1);
    assertThat(noMonthPages.err().strip())
        .isEqualTo(
            "peerbill: no month statement for 2026-11 (not billed by the month, or no"
                + " MONTHLY_95TH connection was active in it)");
    PeerbillCliTest.StringCapture both = new PeerbillCliTest.StringCapture();
    assertThat(
            both.run(
                "bills", "pages", "--month", "2026-11", "--date", "2026-11-25", "--all-accounts"))
        .isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    PeerbillCliTest.StringCapture unscoped = new PeerbillCliTest.StringCapture();
    assertThat(
            unscoped.run(
                "bill",
                "what-if",
                "--tariffs",
                tariffs.toString(),
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30"))
        .isEqualTo(2);
    assertThat(unscoped.err()).contains("give --account ACCOUNT, or --all-accounts");
    PeerbillCliTest.StringCapture whatIf = new PeerbillCliTest.StringCapture();
    assertThat(
            whatIf.run(
                "bill",
                "what-if",
                "--tariffs",
                tariffs.toString(),
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--all-accounts",
                "--csv"))
        .as(whatIf.err())
        .isZero();
    assertThat(whatIf.out().strip())
        .isEqualTo("account_id,connection_id,currency,lines,current,what_if,difference");
    PeerbillCliTest.StringCapture missing = new PeerbillCliTest.StringCapture();
    assertThat(
            missing.run(
                "bill",
                "what-if",
                "--tariffs",
                dir.resolve("none.csv").toString(),
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--account",
                "100001"))
        .isEqualTo(1);
    assertThat(missing.err().strip()).startsWith("peerbill: no such tariff file: ");
  }

  @Test
  void badTariffFileIsOneLineAndNonZeroExit(@TempDir Path dir) throws Exception {
    Path tariffs = dir.resolve("bad.csv");
    Files.writeString(tariffs, "pair_class,effective_from\n");
    PeerbillCliTest.StringCapture load = new PeerbillCliTest.StringCapture();
    assertThat(load.run("tariff", "load", tariffs.toString())).isEqualTo(1);
    assertThat(load.err().strip())
        .isEqualTo(
            "peerbill: line 1: expected the header"
                + " 'pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price,"
                + "charge_mode' (charge_mode may be left out)");
  }
}

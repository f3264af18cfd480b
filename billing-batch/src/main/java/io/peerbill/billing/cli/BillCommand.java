package io.peerbill.billing.cli;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.month.MonthReport;
import io.peerbill.billing.month.MonthlyBillingRun;
import io.peerbill.billing.run.BillingRange;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.run.DryRun;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "bill",
    mixinStandardHelpOptions = true,
    description = {
      "Bill one day (--date) or a range of days (--from/--to) by daily peak bandwidth, or a"
          + " month (--month) of the connections charged by their monthly 95th percentile.",
      "A day is refused until the metering stream's aggregates cover it plus the allowed"
          + " lateness (--force bills anyway). Billing a day again never charges twice:"
          + " changed lines keep their earlier value as a revision; a failed run resumes.",
      "One run per day at a time: a day being billed elsewhere is refused, naming that run."
          + " A run left unfinished (its process killed or cut off from PostgreSQL) is recovered"
          + " and resumed by the next bill of its day.",
      "Statement pages (HTML) are rendered on request: bills pages, or the API.",
      "Exit status: 0 billed, 3 some lines could not be priced (listed), 1 failed or refused."
    },
    subcommands = {ServeCommand.class, WhatIfCommand.class})
public final class BillCommand implements Callable<Integer> {

  static final int FAILED_LINES = 3;

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "0..1")
  Days days;

  static final class Days {
    @Option(names = "--date", required = true, description = "The billing day, e.g. 2026-11-25.")
    LocalDate date;

    @ArgGroup(exclusive = false)
    Range range;

    @Option(
        names = "--month",
        required = true,
        converter = MonthConverter.class,
        description = "A billing month of the MONTHLY_95TH connections (D13), e.g. 2026-11.")
    YearMonth month;
  }

  static final class Range {
    @Option(names = "--from", required = true, description = "First day of a backfill.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last day of a backfill (inclusive).")
    LocalDate to;
  }

  @Option(
      names = "--zone",
      description = "Zone of the billing day (default: peerbill.billing.zone, Asia/Shanghai).")
  ZoneId zone;

  @Option(
      names = "--dry-run",
      description =
          "Print the lines and what a run would do with each (new, unchanged, changed, removed),"
              + " without storing anything.")
  boolean dryRun;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description = "With --dry-run: only the lines this account pays.")
  String account;

  @Option(
      names = "--all-accounts",
      description = "With --dry-run: every account's lines (an operator's view).")
  boolean allAccounts;

  @Option(names = "--force", description = "Bill even if the day's traffic is not complete yet.")
  boolean force;

  @Option(
      names = "--rebill-zone",
      description =
          "Bill the day in --zone although it was billed in another zone: its lines are"
              + " re-billed, each changed one keeping its earlier value as a revision that says so.")
  boolean rebillZone;

  @Override
  public Integer call() throws Exception {
    if (days == null) {
      throw new ParameterException(spec.commandLine(), "give --date, --from and --to, or --month");
    }
    if (dryRun) {
      AccountScope.require(spec, account, allAccounts);
    }
    if (days.month != null) {
      if (dryRun || rebillZone) {
        throw new ParameterException(
            spec.commandLine(), "--dry-run and --rebill-zone apply to days, not to --month");
      }
      return billMonth(days.month);
    }
    LocalDate first = days.date != null ? days.date : days.range.from;
    LocalDate last = days.date != null ? days.date : days.range.to;
    if (last.isBefore(first)) {
      throw new ParameterException(spec.commandLine(), "--to is before --from");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ConfigurableApplicationContext context = BillingContext.start()) {
      ZoneId billingZone = zone != null ? zone : context.getBean(BillingProperties.class).zone();
      if (dryRun) {
        return dryRun(context, first, last, billingZone, out);
      }
      int[] exit = {0};
      BillingDay[] current = {null};
      BillingRange.Progress progress =
          new BillingRange.Progress() {
            @Override
            public void starting(BillingDay day, long index, long days) {
              current[0] = day;
              if (days > 1) {
                out.printf("[%d/%d] %s%n", index, days, day);
                out.flush();
              }
            }

            @Override
            public void billed(BillingReport report) {
              report.describe().forEach(out::println);
              out.flush();
              if (!report.succeeded()) {
                boolean billed = "COMPLETED".equals(report.batchStatus());
                exit[0] = Math.max(exit[0], billed ? FAILED_LINES : 1);
              }
            }
          };
      try {
        context
            .getBean(BillingRange.class)
            .bill(first, last, billingZone, force, rebillZone, progress);
      } catch (org.springframework.dao.DataAccessResourceFailureException
          | org.springframework.transaction.CannotCreateTransactionException e) {
        throw lostPostgres(current[0], e);
      }
      return exit[0];
    }
  }

  /** Prints each day's lines and what a run would do with them; stores nothing. */
  private int dryRun(
      ConfigurableApplicationContext context,
      LocalDate first,
      LocalDate last,
      ZoneId billingZone,
      PrintWriter out)
      throws Exception {
    long total = ChronoUnit.DAYS.between(first, last) + 1;
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      BillingDay day = new BillingDay(date, billingZone);
      if (total > 1) {
        out.printf("[%d/%d] %s%n", ChronoUnit.DAYS.between(first, date) + 1, total, day);
        out.flush();
      }
      Map<DryRun.Change, Integer> changes = new EnumMap<>(DryRun.Change.class);
      int[] shown = {0};
      int all =
          context
              .getBean(DryRun.class)
              .rate(
                  day,
                  preview -> {
                    if (account != null && !account.equals(preview.line().payerAccountId())) {
                      return;
                    }
                    shown[0]++;
                    changes.merge(preview.change(), 1, Integer::sum);
                    out.println(format(preview));
                  });
      int lines = account == null ? all : shown[0];
      String counts =
          changes.entrySet().stream()
              .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
              .collect(Collectors.joining(", ", " (", ")"));
      out.println(
          "dry run: "
              + lines
              + " line(s) "
              + (account == null ? "" : "of account " + account + " ")
              + "for "
              + day
              + (changes.isEmpty() ? "" : counts)
              + ", nothing stored");
    }
    return 0;
  }

  /**
   * A run that loses its database mid-way (a restart, a failover) cannot even record its failure:
   * one line says so, and the next bill of the day recovers the run it left STARTED.
   */
  private static IllegalStateException lostPostgres(BillingDay day, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return new IllegalStateException(
        "lost PostgreSQL while billing "
            + day
            + " ("
            + cause.getMessage()
            + "); run bill again once it is back: it resumes the run",
        e);
  }

  /** A month as YYYY-MM, refused in one line otherwise. */
  static final class MonthConverter implements ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
      try {
        return YearMonth.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a month (YYYY-MM)");
      }
    }
  }

  private int billMonth(YearMonth month) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ConfigurableApplicationContext context = BillingContext.start()) {
      ZoneId billingZone = zone != null ? zone : context.getBean(BillingProperties.class).zone();
      MonthReport report =
          context
              .getBean(MonthlyBillingRun.class)
              .bill(new BillingMonth(month, billingZone), force);
      report.describe().forEach(out::println);
      return report.succeeded() ? 0 : FAILED_LINES;
    }
  }

  /** A line as a run would leave it, then what the run would do: [new], [changed: …], … */
  static String format(DryRun.Preview preview) {
    String change = preview.change().name().toLowerCase(Locale.ROOT);
    return format(preview.line())
        + " ["
        + (preview.detail() == null ? change : change + ": " + preview.detail())
        + "]";
  }

  static String format(BillLine l) {
    return String.format(
        "%-22s %-16s %-10s peak %s Mbps, cap %s, billed %s Mbps, %s %s, coverage %s%s",
        l.connectionId(),
        l.payerAccountId(),
        l.status(),
        l.peakMbps() == null ? "-" : l.peakMbps().stripTrailingZeros().toPlainString(),
        l.capMbps() == null ? "-" : l.capMbps(),
        l.billedMbps().toPlainString(),
        l.amount().toPlainString(),
        l.currency(),
        l.coverage(),
        l.failureReason() == null ? "" : " (" + l.failureReason() + ")");
  }
}

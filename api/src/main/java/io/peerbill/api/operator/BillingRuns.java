package io.peerbill.api.operator;

import io.peerbill.api.error.ApiErrors;
import io.peerbill.api.error.ApiException;
import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.month.MonthReport;
import io.peerbill.billing.month.MonthlyBillingRun;
import io.peerbill.billing.run.BillingRange;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.run.CompletenessGuard;
import io.peerbill.billing.run.DayFence;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Billing runs requested over HTTP, billed in the background through the code {@code peerbill bill}
 * runs ({@link BillingRange} for days, {@link MonthlyBillingRun} for a month), one run after
 * another on one worker thread, in the order requested.
 *
 * <p>A request is refused at once, with the codes a day's own run would give, when one of its days
 * (or its month) is being billed: by a run of this server not finished yet, or by any process
 * holding the day's {@link DayFence} now; and, unless forced, when the metering stream has not
 * completed its traffic yet ({@link CompletenessGuard}). A run keeps the same checks when it comes
 * to each day, since another process may start billing it meanwhile.
 *
 * <p>A run's state lives in this server (the last {@value #KEPT} runs); what each day's job did
 * stays in the job repository, which {@code GET /v1/operator/billing-runs?date=} reads.
 */
@Component
public class BillingRuns implements DisposableBean {

  static final int KEPT = 200;

  private static final Logger log = LoggerFactory.getLogger(BillingRuns.class);

  private final BillingRange range;
  private final MonthlyBillingRun monthly;
  private final DayFence fence;
  private final CompletenessGuard guard;
  private final Clock clock;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "peerbill-api-billing");
            t.setDaemon(true);
            return t;
          });

  /** Runs by id, oldest first; finished ones beyond {@link #KEPT} are forgotten. */
  private final Map<String, Run> runs = new LinkedHashMap<>();

  /** Days ("2026-11-25") and months ("2026-11") of runs not finished, with the run's id. */
  private final Map<String, String> claimed = new HashMap<>();

  public BillingRuns(
      BillingRange range,
      MonthlyBillingRun monthly,
      DayFence fence,
      CompletenessGuard guard,
      Clock clock) {
    this.range = range;
    this.monthly = monthly;
    this.fence = fence;
    this.guard = guard;
    this.clock = clock;
  }

  /** Queues a run of the days {@code first} to {@code last}, or refuses it at once. */
  public synchronized BillingRunView days(
      LocalDate first, LocalDate last, ZoneId zone, boolean force, boolean rebillZone)
      throws SQLException {
    List<String> periods = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      periods.add(d.toString());
    }
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      refuseIfClaimed(d.toString());
      fence.check(d);
      if (!force) {
        guard.check(new BillingDay(d, zone));
      }
    }
    Run run = start("DAYS", zone, force, rebillZone, periods);
    worker.execute(() -> billDays(run, first, last, zone, force, rebillZone));
    return run.view();
  }

  /** Queues a run of the month ({@code bill --month}), or refuses it at once. */
  public synchronized BillingRunView month(YearMonth month, ZoneId zone, boolean force)
      throws SQLException {
    refuseIfClaimed(month.toString());
    fence.check(month);
    BillingMonth billingMonth = new BillingMonth(month, zone);
    if (!force) {
      guard.check(billingMonth);
    }
    Run run = start("MONTH", zone, force, false, List.of(month.toString()));
    worker.execute(
        () -> {
          run.update(0, p -> p.running(now()));
          try {
            MonthReport report = monthly.bill(billingMonth, force);
            run.update(0, p -> p.billed(report, now()));
          } catch (Exception e) {
            fail(run, 0, e);
          }
          finish(run);
        });
    return run.view();
  }

  public synchronized Optional<BillingRunView> find(String id) {
    return Optional.ofNullable(runs.get(id)).map(Run::view);
  }

  private void billDays(
      Run run, LocalDate first, LocalDate last, ZoneId zone, boolean force, boolean rebillZone) {
    int[] current = {-1};
    try {
      range.bill(
          first,
          last,
          zone,
          force,
          rebillZone,
          new BillingRange.Progress() {
            @Override
            public void starting(BillingDay day, long index, long days) {
              current[0] = (int) index - 1;
              run.update(current[0], p -> p.running(now()));
            }

            @Override
            public void billed(BillingReport report) {
              run.update(current[0], p -> p.billed(report, now()));
            }
          });
    } catch (Exception e) {
      current[0] = Math.max(current[0], 0);
      fail(run, current[0], e);
    }
    // Days after the one that stopped the range wait for it.
    String stopped = run.period(Math.max(current[0], 0));
    for (int i = current[0] + 1; i < run.size(); i++) {
      run.update(i, p -> p.skipped(stopped, now()));
    }
    finish(run);
  }

  private void fail(Run run, int index, Exception e) {
    if (ApiErrors.billingRefusal(e) == null) {
      log.error("billing run {} failed on {}", run.id, run.period(index), e);
    }
    run.update(index, p -> p.failed(e, now()));
  }

  private synchronized Run start(
      String kind, ZoneId zone, boolean force, boolean rebillZone, List<String> periods) {
    Run run = new Run(UUID.randomUUID().toString(), kind, zone, force, rebillZone, now(), periods);
    runs.put(run.id, run);
    periods.forEach(p -> claimed.put(p, run.id));
    while (runs.size() > KEPT) {
      String oldest = runs.keySet().iterator().next();
      if (!runs.get(oldest).view().status().equals(RunPeriod.COMPLETED)
          && !runs.get(oldest).view().status().equals(RunPeriod.FAILED)) {
        break;
      }
      runs.remove(oldest);
    }
    return run;
  }

  private synchronized void finish(Run run) {
    for (int i = 0; i < run.size(); i++) {
      claimed.remove(run.period(i), run.id);
    }
  }

  private void refuseIfClaimed(String period) {
    String by = claimed.get(period);
    if (by != null) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "DAY_BEING_BILLED",
          "billing",
          "cannot bill "
              + period
              + ": it is being billed by billing run "
              + by
              + " of this server; run bill again once that has finished");
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }

  /** A run's periods, each replaced whole as it moves on; read as a snapshot. */
  private static final class Run {
    final String id;
    final String kind;
    final ZoneId zone;
    final boolean force;
    final boolean rebillZone;
    final OffsetDateTime requestedAt;
    private final List<RunPeriod> periods = new ArrayList<>();

    Run(
        String id,
        String kind,
        ZoneId zone,
        boolean force,
        boolean rebillZone,
        OffsetDateTime requestedAt,
        List<String> periods) {
      this.id = id;
      this.kind = kind;
      this.zone = zone;
      this.force = force;
      this.rebillZone = rebillZone;
      this.requestedAt = requestedAt;
      periods.forEach(p -> this.periods.add(RunPeriod.queued(p)));
    }

    synchronized void update(int index, java.util.function.UnaryOperator<RunPeriod> change) {
      periods.set(index, change.apply(periods.get(index)));
    }

    synchronized int size() {
      return periods.size();
    }

    synchronized String period(int index) {
      return periods.get(index).period();
    }

    synchronized BillingRunView view() {
      List<RunPeriod> now = List.copyOf(periods);
      return new BillingRunView(
          id,
          kind,
          zone.getId(),
          force,
          rebillZone,
          BillingRunView.statusOf(now),
          requestedAt,
          now);
    }
  }
}

package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.job.DailyPeak;
import io.peerbill.billing.job.DailyPeakBillingJobConfiguration;
import io.peerbill.billing.job.DailyPeakQuery;
import io.peerbill.billing.job.LineRater;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.tariff.TariffRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.stereotype.Component;

/**
 * Rates a day exactly as the job would (same aggregate, same rater) and tells, for each line, what
 * a real run would do with it against the lines already stored for that day — add it, leave it,
 * revise it (and how), or remove it — without storing anything and without a job execution.
 */
@Component
public class DryRun {

  /** What a run would do with a line. */
  public enum Change {
    NEW,
    UNCHANGED,
    CHANGED,
    REMOVED
  }

  /**
   * One line of the preview: the line a run would store (for {@link Change#REMOVED}, the stored
   * line it would remove) and, when it changes or goes, what and why.
   */
  public record Preview(BillLine line, Change change, String detail) {}

  private final DataSource dataSource;
  private final TariffRepository tariffs;
  private final BillLineRepository lines;
  private final BillingProperties properties;

  public DryRun(
      DataSource dataSource,
      TariffRepository tariffs,
      BillLineRepository lines,
      BillingProperties properties) {
    this.dataSource = dataSource;
    this.tariffs = tariffs;
    this.lines = lines;
    this.properties = properties;
  }

  /** Hands each line's preview to {@code sink}; returns how many there were. */
  public int rate(BillingDay day, Consumer<Preview> sink) throws Exception {
    Map<String, BillLine> stored = new HashMap<>();
    for (BillLine line : lines.linesOf(day.date(), null)) {
      stored.put(line.connectionId(), line);
    }
    LineRater rater = new LineRater(day, tariffs.inForceOn(day.date()), properties);
    JdbcCursorItemReader<DailyPeak> reader = DailyPeakQuery.reader(dataSource, day);
    reader.open(new ExecutionContext());
    int count = 0;
    try {
      for (var peak = reader.read(); peak != null; peak = reader.read()) {
        BillLine line = rater.process(peak);
        BillLine before = stored.remove(line.connectionId());
        sink.accept(before == null ? new Preview(line, Change.NEW, null) : compared(line, before));
        count++;
      }
    } finally {
      reader.close();
    }
    for (BillLine gone : stored.values()) {
      if (gone.status() != LineStatus.REMOVED) {
        sink.accept(
            new Preview(gone, Change.REMOVED, DailyPeakBillingJobConfiguration.removalReason(day)));
        count++;
      }
    }
    return count;
  }

  private static Preview compared(BillLine line, BillLine before) {
    List<String> changes = line.changesSince(before);
    return changes.isEmpty()
        ? new Preview(line, Change.UNCHANGED, null)
        : new Preview(line, Change.CHANGED, String.join("; ", changes));
  }
}

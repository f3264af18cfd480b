package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.job.DailyPeak;
import io.peerbill.billing.job.DailyPeakQuery;
import io.peerbill.billing.job.LineRater;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.tariff.TariffRepository;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.stereotype.Component;

/**
 * Rates a day exactly as the job would (same aggregate, same rater) and hands each line to the
 * caller without storing anything and without a job execution.
 */
@Component
public class DryRun {

  private final DataSource dataSource;
  private final TariffRepository tariffs;
  private final BillingProperties properties;

  public DryRun(DataSource dataSource, TariffRepository tariffs, BillingProperties properties) {
    this.dataSource = dataSource;
    this.tariffs = tariffs;
    this.properties = properties;
  }

  public int rate(BillingDay day, Consumer<BillLine> sink) throws Exception {
    LineRater rater = new LineRater(day, tariffs.inForceOn(day.date()), properties);
    JdbcCursorItemReader<DailyPeak> reader = DailyPeakQuery.reader(dataSource, day);
    reader.open(new ExecutionContext());
    int count = 0;
    try {
      for (var peak = reader.read(); peak != null; peak = reader.read()) {
        sink.accept(rater.process(peak));
        count++;
      }
    } finally {
      reader.close();
    }
    return count;
  }
}

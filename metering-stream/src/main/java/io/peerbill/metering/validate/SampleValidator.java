package io.peerbill.metering.validate;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.RunCounter;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.RejectReason;
import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.Sample;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses each input record and checks it against the rules and the connection catalog: a sample of
 * a known connection, ACTIVE at the instant it counts at (D12), goes on; anything else leaves as a
 * {@link Rejection} on {@link #REJECTED}, counted per reason.
 */
public final class SampleValidator extends ProcessFunction<RawRecord, Sample> {

  public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};

  private final JdbcTarget database;
  private final long catalogRefreshMillis;
  private final long futureToleranceMillis;

  private transient SampleParser parser;
  private transient RefreshingCatalog catalog;
  private transient RunCounter input;
  private transient Map<RejectReason, RunCounter> rejected;

  public SampleValidator(
      JdbcTarget database, long catalogRefreshMillis, long futureToleranceMillis) {
    this.database = database;
    this.catalogRefreshMillis = catalogRefreshMillis;
    this.futureToleranceMillis = futureToleranceMillis;
  }

  @Override
  public void open(OpenContext context) {
    parser = new SampleParser(futureToleranceMillis);
    catalog = RefreshingCatalog.open(database, catalogRefreshMillis);
    input = RunCounter.register(getRuntimeContext(), RunCounter.INPUT);
    rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(
          reason, RunCounter.register(getRuntimeContext(), RunCounter.REJECTED_PREFIX + reason));
    }
  }

  @Override
  public void processElement(RawRecord record, Context ctx, Collector<Sample> out) {
    input.inc();
    long now = ctx.timerService().currentProcessingTime();
    try {
      Sample sample = parser.parse(record, now);
      ConnectionInfo connection = catalog.at(now).find(sample.connectionId());
      if (connection == null) {
        throw new InvalidSampleException(
            RejectReason.UNKNOWN_CONNECTION,
            "no peering connection " + sample.connectionId(),
            sample);
      }
      if (!connection.isActiveAt(sample.countedAt())) {
        throw new InvalidSampleException(
            RejectReason.NOT_ACTIVE,
            sample.connectionId() + " is not ACTIVE at ts - 1 = " + sample.countedAt(),
            sample);
      }
      out.collect(sample);
    } catch (InvalidSampleException e) {
      rejected.get(e.reason()).inc();
      ctx.output(REJECTED, Rejection.of(e.reason(), e.getMessage(), record, e.sample()));
    }
  }

  @Override
  public void close() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
    super.close();
  }
}

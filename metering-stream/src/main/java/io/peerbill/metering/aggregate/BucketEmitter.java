package io.peerbill.metering.aggregate;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.model.TrafficCounters;
import io.peerbill.metering.validate.ConnectionInfo;
import io.peerbill.metering.validate.RefreshingCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's sums into a {@link TrafficAggregate}: the bucket start and period from the
 * window, the tags and the cap in force at the bucket start from the connection catalog.
 */
public final class BucketEmitter
    extends ProcessWindowFunction<TrafficCounters, TrafficAggregate, String, TimeWindow> {

  private final JdbcTarget database;
  private final long catalogRefreshMillis;

  private transient RefreshingCatalog catalog;

  public BucketEmitter(JdbcTarget database, long catalogRefreshMillis) {
    this.database = database;
    this.catalogRefreshMillis = catalogRefreshMillis;
  }

  @Override
  public void open(OpenContext context) {
    catalog = RefreshingCatalog.open(database, catalogRefreshMillis);
  }

  @Override
  public void process(
      String connectionId,
      Context context,
      Iterable<TrafficCounters> sums,
      Collector<TrafficAggregate> out) {
    TrafficCounters c = sums.iterator().next();
    TimeWindow window = context.window();
    ConnectionInfo info = catalog.at(context.currentProcessingTime()).find(connectionId);
    out.collect(
        new TrafficAggregate(
            connectionId,
            (int) ((window.getEnd() - window.getStart()) / 1000),
            window.getStart(),
            c.inBytes,
            c.outBytes,
            c.inPackets,
            c.outPackets,
            c.inDropped,
            c.outDropped,
            c.sampleCount,
            info == null ? null : info.scope(),
            info == null ? null : info.requesterRegion(),
            info == null ? null : info.accepterRegion(),
            info == null ? null : info.requesterAccountId(),
            info == null ? null : info.capAt(window.getStart())));
  }

  @Override
  public void close() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
    super.close();
  }
}

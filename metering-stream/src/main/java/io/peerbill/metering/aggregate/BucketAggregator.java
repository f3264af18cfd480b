package io.peerbill.metering.aggregate;

import static io.peerbill.metering.aggregate.Buckets.FIVE_MINUTES_MS;
import static io.peerbill.metering.aggregate.Buckets.MINUTE_MS;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.model.TrafficCounters;
import io.peerbill.metering.validate.ConnectionInfo;
import io.peerbill.metering.validate.RefreshingCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per connection, sums samples over all reporters (D4) into event-time 1-minute and 5-minute
 * buckets, both on the one output ({@link TrafficAggregate#periodSeconds()} tells them apart, so
 * every sink of both chains to this operator). A bucket is emitted when the watermark passes its
 * end; a sample that arrives later but within the allowed lateness re-emits its corrected buckets
 * at once (the latest emission is the truth, which is why sinks upsert). A 5-minute bucket's
 * minutes are kept until its lateness has passed, then forgotten.
 *
 * <p>Both periods in one operator: a sample updates one state entry and registers at most one
 * timer, where a window operator per period took two state updates and four timer registrations.
 * Each emission carries the connection's tags and the cap in force at the bucket start.
 */
public final class BucketAggregator extends KeyedProcessFunction<String, Sample, TrafficAggregate> {

  private static final int MINUTE = TrafficAggregate.MINUTE;
  private static final int FIVE = TrafficAggregate.FIVE_MINUTES;

  private final long latenessMs;
  private final JdbcTarget database;
  private final long catalogRefreshMillis;

  /** Open 5-minute buckets by start. */
  private transient MapState<Long, FiveMinuteSums> open;

  private transient RefreshingCatalog catalog;

  public BucketAggregator(long latenessMs, JdbcTarget database, long catalogRefreshMillis) {
    this.latenessMs = latenessMs;
    this.database = database;
    this.catalogRefreshMillis = catalogRefreshMillis;
  }

  @Override
  public void open(OpenContext context) {
    open =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "open-buckets", Types.LONG, TypeInformation.of(FiveMinuteSums.class)));
    catalog = RefreshingCatalog.open(database, catalogRefreshMillis);
  }

  @Override
  public void processElement(Sample sample, Context ctx, Collector<TrafficAggregate> out)
      throws Exception {
    long counted = sample.countedAt();
    long five = Buckets.start(counted, FIVE_MINUTES_MS);
    int minute = (int) ((counted - five) / MINUTE_MS);
    long fiveEnd = five + FIVE_MINUTES_MS;
    long watermark = ctx.timerService().currentWatermark();
    FiveMinuteSums sums = open.get(five);
    if (sums == null) {
      sums = new FiveMinuteSums();
      // Once per bucket: its own end (even if its last minute stays empty) and its forgetting.
      if (fiveEnd - 1 > watermark) {
        ctx.timerService().registerEventTimeTimer(fiveEnd - 1);
      }
      ctx.timerService().registerEventTimeTimer(fiveEnd - 1 + latenessMs);
    }
    boolean firstOfMinute = !sums.has(minute);
    sums.add(minute, sample);
    open.put(five, sums);

    long minuteStart = five + minute * MINUTE_MS;
    if (minuteStart + MINUTE_MS - 1 > watermark) {
      // The minute's first sample registered its end already (restored with the state).
      if (firstOfMinute) {
        ctx.timerService().registerEventTimeTimer(minuteStart + MINUTE_MS - 1);
      }
      return;
    }
    // Late, within the allowed lateness: the buckets already emitted are emitted corrected.
    long now = ctx.timerService().currentProcessingTime();
    String connection = ctx.getCurrentKey();
    out.collect(aggregate(connection, MINUTE, minuteStart, sums.minute(minute), now));
    if (fiveEnd - 1 <= watermark) {
      out.collect(aggregate(connection, FIVE, five, sums.total(), now));
    }
  }

  /**
   * At a bucket end (minus one millisecond) emits the minute that ends here, and the 5-minute
   * bucket if it ends here too; at any timer, forgets the bucket whose lateness ends here. Timers
   * of one key and instant collapse, so each minute is emitted once on time.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrafficAggregate> out)
      throws Exception {
    String connection = ctx.getCurrentKey();
    long now = ctx.timerService().currentProcessingTime();
    long five = Buckets.start(timestamp, FIVE_MINUTES_MS);
    FiveMinuteSums sums = open.get(five);
    // Only a bucket end emits: a cleanup timer of a lateness that is not whole minutes is not one.
    if (sums != null && (timestamp + 1) % MINUTE_MS == 0) {
      int minute = (int) ((timestamp - five) / MINUTE_MS);
      if (sums.has(minute)) {
        out.collect(
            aggregate(connection, MINUTE, five + minute * MINUTE_MS, sums.minute(minute), now));
      }
      if (timestamp == five + FIVE_MINUTES_MS - 1) {
        out.collect(aggregate(connection, FIVE, five, sums.total(), now));
      }
    }
    // Every bucket registered the instant its lateness ends, so the one that ends now is the only
    // one to forget (timers at one instant collapse, hence no scan of the open buckets).
    long expired = timestamp + 1 - latenessMs - FIVE_MINUTES_MS;
    if (Math.floorMod(expired, FIVE_MINUTES_MS) == 0 && open.contains(expired)) {
      open.remove(expired);
      if (open.isEmpty()) {
        open.clear();
      }
    }
  }

  private TrafficAggregate aggregate(
      String connectionId, int periodSeconds, long start, TrafficCounters c, long now) {
    ConnectionInfo info = catalog.at(now).find(connectionId);
    return new TrafficAggregate(
        connectionId,
        periodSeconds,
        start,
        c.counts(),
        c.sampleCount,
        info == null ? null : info.scope(),
        info == null ? null : info.requesterRegion(),
        info == null ? null : info.accepterRegion(),
        info == null ? null : info.requesterAccountId(),
        info == null ? null : info.capAt(start));
  }

  @Override
  public void close() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
    super.close();
  }
}

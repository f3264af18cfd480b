package io.peerbill.metering;

import io.peerbill.metering.aggregate.BucketAggregator;
import io.peerbill.metering.aggregate.LatenessGate;
import io.peerbill.metering.aggregate.SampleDeduplicator;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.sink.TrafficLedgerOperator;
import io.peerbill.metering.validate.SampleValidator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The metering job (DESIGN.md): samples are parsed and validated, deduplicated, and added exactly
 * once to PostgreSQL's 1- and 5-minute traffic (the ledger decides what was counted before, in any
 * run); on-time samples are also summed per connection into event-time buckets for the monitoring
 * series and alert policies. Every record not counted leaves as a rejection. Sources and sinks come
 * in through the constructor: production wires Kafka or files and PostgreSQL / InfluxDB, tests wire
 * what they need.
 */
public final class MeteringJob {

  private final MeteringSettings settings;
  private final Source<RawRecord, ?, ?> samples;
  private final String sourceName;
  private final MeteringSinks sinks;

  public MeteringJob(
      MeteringSettings settings,
      Source<RawRecord, ?, ?> samples,
      String sourceName,
      MeteringSinks sinks) {
    this.settings = settings;
    this.samples = samples;
    this.sourceName = sourceName;
    this.sinks = sinks;
  }

  /**
   * Builds the job into {@code env} and returns its streams (for side branches) without running.
   */
  public MeteringStreams build(StreamExecutionEnvironment env) {
    long refresh = settings.catalogRefresh().toMillis();
    int inputParallelism =
        settings.inputParallelism() > 0 ? settings.inputParallelism() : env.getParallelism();
    SingleOutputStreamOperator<Sample> valid =
        env.fromSource(samples, WatermarkStrategy.noWatermarks(), sourceName)
            .setParallelism(inputParallelism)
            .uid("samples")
            .process(
                new SampleValidator(
                    settings.database(), refresh, settings.futureTolerance().toMillis()))
            .setParallelism(inputParallelism)
            .name("validate")
            .uid("validate");

    // Bounded out-of-orderness on the instant each sample counts at (ts - 1); idle inputs stop
    // holding the watermark back after the idleness timeout.
    WatermarkStrategy<Sample> watermarks =
        WatermarkStrategy.<Sample>forBoundedOutOfOrderness(settings.outOfOrderness())
            .withTimestampAssigner((sample, previous) -> sample.countedAt())
            .withIdleness(settings.idleness());
    SingleOutputStreamOperator<Sample> onTime =
        valid
            .assignTimestampsAndWatermarks(watermarks)
            .setParallelism(inputParallelism)
            .uid("watermarks")
            .process(
                new LatenessGate(
                    settings.outOfOrderness().toMillis(), settings.allowedLateness().toMillis()))
            .setParallelism(inputParallelism)
            .name("lateness gate")
            .uid("lateness-gate");
    DataStream<Sample> late = onTime.getSideOutput(LatenessGate.LATE);

    // One shuffle: dedupe, the ledger and the buckets share the connection key, so the buckets
    // read the dedupe's on-time output where it is (reinterpreted, not re-partitioned).
    KeySelector<Sample, String> connectionKey = Sample::connectionId;
    SingleOutputStreamOperator<Sample> unique =
        onTime
            .keyBy(connectionKey, Types.STRING)
            .connect(late.keyBy(connectionKey, Types.STRING))
            .process(new SampleDeduplicator(settings.dedupeHorizon()))
            .name("dedupe")
            .uid("dedupe");

    // Billing-grade traffic: every sample seen for the first time, late or not, added to
    // PostgreSQL exactly once against the ledger (a bench may run without it).
    if (sinks.traffic() == null) {
      unique.sinkTo(new DiscardingSink<>()).name("traffic (discarded)");
    } else {
      unique
          .transform(
              "traffic",
              Types.VOID,
              new TrafficLedgerOperator(
                  sinks.traffic(),
                  settings.trafficBatchSize(),
                  settings.minuteBuckets(),
                  settings.retentionDays(),
                  sourceName,
                  settings.allowedLateness().toMillis()))
          .uid("traffic-ledger");
    }

    KeyedStream<Sample, String> byConnection =
        DataStreamUtils.reinterpretAsKeyedStream(
            unique.getSideOutput(SampleDeduplicator.ON_TIME), connectionKey, Types.STRING);
    SingleOutputStreamOperator<TrafficAggregate> aggregates =
        byConnection
            .process(
                new BucketAggregator(
                    settings.allowedLateness().toMillis(), settings.database(), refresh))
            .name("buckets")
            .uid("buckets");
    DataStream<Rejection> rejections = valid.getSideOutput(SampleValidator.REJECTED);

    // Both periods in one stream: the series sink has one input and chains to the buckets.
    rejections.sinkTo(sinks.rejections()).name("rejections").uid("rejection-sink");
    if (sinks.series() != null) {
      aggregates.sinkTo(sinks.series()).name("series").uid("series-sink");
    }
    return new MeteringStreams(aggregates, rejections);
  }

  /** Builds and runs the job; for a bounded source, returns when the input is done. */
  public MeteringRunSummary run(StreamExecutionEnvironment env) throws Exception {
    build(env);
    JobExecutionResult result = env.execute("peerbill metering");
    return MeteringRunSummary.of(result);
  }
}

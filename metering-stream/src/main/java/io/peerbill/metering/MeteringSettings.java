package io.peerbill.metering;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything the job can be tuned by. Event-time settings are whole minutes where they touch
 * buckets, so lateness decisions line up with bucket boundaries.
 *
 * @param database where the catalog is read and the aggregates and rejections are written
 * @param outOfOrderness how far behind the newest sample a sample may be and still count on time
 * @param allowedLateness how long after its bucket's watermark a sample still updates the bucket
 * @param idleness after how long without samples an input stops holding back the watermark
 * @param dedupeHorizon how much event time a reporter may move past a sample id before a repeat of
 *     it is no longer recognised as a duplicate
 * @param catalogRefresh how often connection metadata is reloaded from PostgreSQL
 * @param futureTolerance how far ahead of the clock a sample's ts may be (clock skew)
 * @param parallelism the job's parallelism (0 = the environment's default)
 * @param checkpointInterval checkpoint every (zero = no checkpoints)
 * @param stateBackend {@code hashmap} (heap) or {@code rocksdb} (large state, on disk)
 * @param restartAttempts restarts after a failure before the job fails (fixed delay)
 * @param restartDelay wait before each restart
 * @param sinkBatchSize rejections per PostgreSQL write
 * @param trafficBatchSize samples per traffic write: each write updates the ledger row of every
 *     (connection, reporter, day) in it and the buckets it touches, so larger batches update each
 *     row less often
 * @param minuteBuckets whether PostgreSQL keeps 1-minute buckets too ({@code traffic_1m}): nothing
 *     in billing reads them and the series store has every minute, while they are five times the
 *     rows of the billing-grade 5-minute buckets the stream writes (off by default)
 * @param retentionDays days of traffic partitions to keep; 0 keeps all
 * @param inputParallelism parallelism of reading, parsing and the lateness gate (up to the first
 *     shuffle), e.g. the number of Kafka partitions; 0 = the job's parallelism
 */
public record MeteringSettings(
    JdbcTarget database,
    Duration outOfOrderness,
    Duration allowedLateness,
    Duration idleness,
    Duration dedupeHorizon,
    Duration catalogRefresh,
    Duration futureTolerance,
    int parallelism,
    Duration checkpointInterval,
    String stateBackend,
    int restartAttempts,
    Duration restartDelay,
    int sinkBatchSize,
    int trafficBatchSize,
    boolean minuteBuckets,
    int retentionDays,
    int inputParallelism)
    implements Serializable {

  public static MeteringSettings defaults(JdbcTarget database) {
    return new MeteringSettings(
        database,
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        Duration.ofMinutes(1),
        Duration.ofHours(2),
        Duration.ofSeconds(60),
        Duration.ofMinutes(5),
        0,
        Duration.ofSeconds(30),
        "hashmap",
        3,
        Duration.ofSeconds(10),
        2000,
        50_000,
        false,
        0,
        0);
  }

  public MeteringSettings {
    if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
      throw new IllegalArgumentException(
          "state backend must be hashmap or rocksdb, got '" + stateBackend + "'");
    }
    if (outOfOrderness.isNegative() || allowedLateness.isNegative()) {
      throw new IllegalArgumentException("out-of-orderness and lateness must not be negative");
    }
    if (allowedLateness.toMillis() % 60_000 != 0) {
      // A bucket's lateness then ends on a minute boundary, where the next bucket's starts.
      throw new IllegalArgumentException(
          "allowed lateness must be whole minutes, got "
              + allowedLateness.toString().substring(2).toLowerCase());
    }
  }

  public MeteringSettings withParallelism(int value) {
    return with(c -> c.parallelism = value);
  }

  public MeteringSettings withInputParallelism(int value) {
    return with(c -> c.inputParallelism = value);
  }

  public MeteringSettings withEventTime(Duration outOfOrderness, Duration allowedLateness) {
    return with(
        c -> {
          c.outOfOrderness = outOfOrderness;
          c.allowedLateness = allowedLateness;
        });
  }

  public MeteringSettings withCheckpoints(
      Duration interval, String backend, int restartAttempts, Duration restartDelay) {
    return with(
        c -> {
          c.checkpointInterval = interval;
          c.stateBackend = backend;
          c.restartAttempts = restartAttempts;
          c.restartDelay = restartDelay;
        });
  }

  public MeteringSettings withSinks(int batchSize, int retentionDays) {
    return with(
        c -> {
          c.sinkBatchSize = batchSize;
          c.retentionDays = retentionDays;
        });
  }

  public MeteringSettings withTrafficBatchSize(int samples) {
    return with(c -> c.trafficBatchSize = samples);
  }

  public MeteringSettings withMinuteBuckets(boolean keep) {
    return with(c -> c.minuteBuckets = keep);
  }

  public MeteringSettings withCatalogRefresh(Duration value) {
    return with(c -> c.catalogRefresh = value);
  }

  /** A copy with {@code change} applied, checked by the canonical constructor again. */
  private MeteringSettings with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components as mutable fields, so each {@code withX} names only what it changes. */
  private static final class Copy {
    private JdbcTarget database;
    private Duration outOfOrderness;
    private Duration allowedLateness;
    private Duration idleness;
    private Duration dedupeHorizon;
    private Duration catalogRefresh;
    private Duration futureTolerance;
    private int parallelism;
    private Duration checkpointInterval;
    private String stateBackend;
    private int restartAttempts;
    private Duration restartDelay;
    private int sinkBatchSize;
    private int trafficBatchSize;
    private boolean minuteBuckets;
    private int retentionDays;
    private int inputParallelism;

    Copy(MeteringSettings from) {
      database = from.database;
      outOfOrderness = from.outOfOrderness;
      allowedLateness = from.allowedLateness;
      idleness = from.idleness;
      dedupeHorizon = from.dedupeHorizon;
      catalogRefresh = from.catalogRefresh;
      futureTolerance = from.futureTolerance;
      parallelism = from.parallelism;
      checkpointInterval = from.checkpointInterval;
      stateBackend = from.stateBackend;
      restartAttempts = from.restartAttempts;
      restartDelay = from.restartDelay;
      sinkBatchSize = from.sinkBatchSize;
      trafficBatchSize = from.trafficBatchSize;
      minuteBuckets = from.minuteBuckets;
      retentionDays = from.retentionDays;
      inputParallelism = from.inputParallelism;
    }

    MeteringSettings build() {
      return new MeteringSettings(
          database,
          outOfOrderness,
          allowedLateness,
          idleness,
          dedupeHorizon,
          catalogRefresh,
          futureTolerance,
          parallelism,
          checkpointInterval,
          stateBackend,
          restartAttempts,
          restartDelay,
          sinkBatchSize,
          trafficBatchSize,
          minuteBuckets,
          retentionDays,
          inputParallelism);
    }
  }
}

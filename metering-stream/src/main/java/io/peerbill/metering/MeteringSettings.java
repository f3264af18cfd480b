package io.peerbill.metering;

import java.io.Serializable;
import java.time.Duration;

/**
 * Everything the job can be tuned by. Event-time settings are whole minutes where they touch
 * buckets, so lateness decisions line up with bucket boundaries.
 *
 * @param database where the catalog is read and the aggregates and rejections are written
 * @param outOfOrderness how far behind the newest sample a sample may be and still count on time
 * @param allowedLateness how long after its bucket's watermark a sample still updates the bucket
 * @param idleness after how long without samples an input stops holding back the watermark
 * @param dedupeTtl how long a sample id is remembered for duplicate detection
 * @param catalogRefresh how often connection metadata is reloaded from PostgreSQL
 * @param futureTolerance how far ahead of the clock a sample's ts may be (clock skew)
 * @param parallelism the job's parallelism (0 = the environment's default)
 * @param checkpointInterval checkpoint every (zero = no checkpoints)
 * @param stateBackend {@code hashmap} (heap) or {@code rocksdb} (large state, on disk)
 * @param restartAttempts restarts after a failure before the job fails (fixed delay)
 * @param restartDelay wait before each restart
 * @param sinkBatchSize rows per PostgreSQL write
 * @param retentionDays days of traffic partitions to keep; 0 keeps all
 * @param inputParallelism parallelism of reading, parsing and the lateness gate (up to the first
 *     shuffle), e.g. the number of Kafka partitions; 0 = the job's parallelism
 */
public record MeteringSettings(
    JdbcTarget database,
    Duration outOfOrderness,
    Duration allowedLateness,
    Duration idleness,
    Duration dedupeTtl,
    Duration catalogRefresh,
    Duration futureTolerance,
    int parallelism,
    Duration checkpointInterval,
    String stateBackend,
    int restartAttempts,
    Duration restartDelay,
    int sinkBatchSize,
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
  }

  public MeteringSettings withParallelism(int value) {
    return new MeteringSettings(
        database,
        outOfOrderness,
        allowedLateness,
        idleness,
        dedupeTtl,
        catalogRefresh,
        futureTolerance,
        value,
        checkpointInterval,
        stateBackend,
        restartAttempts,
        restartDelay,
        sinkBatchSize,
        retentionDays,
        inputParallelism);
  }

  public MeteringSettings withInputParallelism(int value) {
    return new MeteringSettings(
        database,
        outOfOrderness,
        allowedLateness,
        idleness,
        dedupeTtl,
        catalogRefresh,
        futureTolerance,
        parallelism,
        checkpointInterval,
        stateBackend,
        restartAttempts,
        restartDelay,
        sinkBatchSize,
        retentionDays,
        value);
  }

  public MeteringSettings withEventTime(Duration outOfOrderness, Duration allowedLateness) {
    return new MeteringSettings(
        database,
        outOfOrderness,
        allowedLateness,
        idleness,
        dedupeTtl,
        catalogRefresh,
        futureTolerance,
        parallelism,
        checkpointInterval,
        stateBackend,
        restartAttempts,
        restartDelay,
        sinkBatchSize,
        retentionDays,
        inputParallelism);
  }

  public MeteringSettings withCheckpoints(
      Duration interval, String backend, int restartAttempts, Duration restartDelay) {
    return new MeteringSettings(
        database,
        outOfOrderness,
        allowedLateness,
        idleness,
        dedupeTtl,
        catalogRefresh,
        futureTolerance,
        parallelism,
        interval,
        backend,
        restartAttempts,
        restartDelay,
        sinkBatchSize,
        retentionDays,
        inputParallelism);
  }

  public MeteringSettings withSinks(int batchSize, int retentionDays) {
    return new MeteringSettings(
        database,
        outOfOrderness,
        allowedLateness,
        idleness,
        dedupeTtl,
        catalogRefresh,
        futureTolerance,
        parallelism,
        checkpointInterval,
        stateBackend,
        restartAttempts,
        restartDelay,
        batchSize,
        retentionDays,
        inputParallelism);
  }

  public MeteringSettings withCatalogRefresh(Duration value) {
    return new MeteringSettings(
        database,
        outOfOrderness,
        allowedLateness,
        idleness,
        dedupeTtl,
        value,
        futureTolerance,
        parallelism,
        checkpointInterval,
        stateBackend,
        restartAttempts,
        restartDelay,
        sinkBatchSize,
        retentionDays,
        inputParallelism);
  }
}

package io.peerbill.metering;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment for the job: checkpointing, restart strategy and state backend from the
 * settings. In-process (MiniCluster) when run from the CLI or tests, the cluster's when submitted
 * with {@code flink run}.
 */
public final class MeteringEnvironment {

  private MeteringEnvironment() {}

  /**
   * @param checkpointsAfterTasksFinish whether checkpoints go on once some tasks have finished, and
   *     a final one is taken when the input ends (see {@link #create(MeteringSettings, Source)})
   */
  static Configuration configuration(
      MeteringSettings settings, boolean checkpointsAfterTasksFinish) {
    Configuration conf = new Configuration();
    if (!settings.checkpointInterval().isZero()) {
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    }
    // Our sinks write everything at end of input; for a file run, waiting for one more
    // checkpoint after the input ends would only hold it open for up to a checkpoint interval.
    conf.set(
        CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, checkpointsAfterTasksFinish);
    conf.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, settings.restartAttempts());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, settings.restartDelay());
    // Every type on the wire is a named POJO or record; a Kryo fallback would be a bug.
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    // Records pass between chained operators without a defensive copy each: every type on the
    // wire is immutable (records) and no operator keeps or changes an input after passing it on.
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    return conf;
  }

  public static StreamExecutionEnvironment create(MeteringSettings settings) {
    return create(settings, configuration(settings, false));
  }

  /** The environment for a run over {@code input}. */
  public static StreamExecutionEnvironment create(
      MeteringSettings settings, Source<?, ?, ?> input) {
    return create(settings, configuration(settings, checkpointsAfterTasksFinish(input)));
  }

  /**
   * Whether a run over {@code input} checkpoints on after some of its tasks have finished: a
   * bounded Kafka run (a backfill) does. The alert policies' source of a bounded run reads once and
   * finishes at once; without this no checkpoint would complete after it, so the group would commit
   * no offsets for the whole backfill and a killed one would read its topic again from the start.
   * (Flink then also takes a final checkpoint when the input ends; its offset commit is best
   * effort, the ledger makes a re-read exact.) A file run has no offsets to commit.
   */
  static boolean checkpointsAfterTasksFinish(Source<?, ?, ?> input) {
    return input instanceof KafkaSource<?> && input.getBoundedness() == Boundedness.BOUNDED;
  }

  private static StreamExecutionEnvironment create(MeteringSettings settings, Configuration conf) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (settings.parallelism() > 0) {
      env.setParallelism(settings.parallelism());
    }
    return env;
  }
}

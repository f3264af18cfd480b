package io.peerbill.metering;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution environment for the job: checkpointing, restart strategy and state backend from the
 * settings. In-process (MiniCluster) when run from the CLI or tests, the cluster's when submitted
 * with {@code flink run}.
 */
public final class MeteringEnvironment {

  private MeteringEnvironment() {}

  public static Configuration configuration(MeteringSettings settings) {
    Configuration conf = new Configuration();
    if (!settings.checkpointInterval().isZero()) {
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    }
    // Our sinks write everything at end of input; waiting for one more checkpoint after a
    // bounded input ends would only hold a file run open for up to a checkpoint interval.
    conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
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
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration(settings));
    if (settings.parallelism() > 0) {
      env.setParallelism(settings.parallelism());
    }
    return env;
  }
}

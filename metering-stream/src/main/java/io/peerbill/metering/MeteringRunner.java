package io.peerbill.metering;

import io.peerbill.db.DatabaseConfig;
import io.peerbill.metering.alert.AlertBranch;
import io.peerbill.metering.alert.AlertSettings;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.sink.InfluxSeriesSink;
import io.peerbill.metering.source.SampleFiles;
import java.nio.file.Path;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the metering job in this JVM (a MiniCluster) until its input ends or it is stopped: the one
 * place where the job, its sinks and the optional alert branch are put together for `./peerbill
 * stream` and the demo.
 */
public final class MeteringRunner {

  private MeteringRunner() {}

  /**
   * @param series the InfluxDB sink, or null for none
   * @param alerts the alert branch's settings, or null to evaluate no policies
   */
  public static MeteringRunSummary run(
      MeteringSettings settings,
      Source<RawRecord, ?, ?> input,
      String sourceName,
      InfluxSeriesSink series,
      AlertSettings alerts)
      throws Exception {
    MeteringJob job =
        new MeteringJob(settings, input, sourceName, MeteringSinks.postgres(settings, series));
    StreamExecutionEnvironment env = MeteringEnvironment.create(settings);
    MeteringStreams streams = job.build(env);
    if (alerts != null) {
      AlertBranch.attach(env, streams, alerts, input.getBoundedness() == Boundedness.BOUNDED);
    }
    return MeteringRunSummary.of(env.execute("peerbill metering"));
  }

  /**
   * A file or folder of samples into {@code database} with default settings, evaluating that
   * database's alert policies when {@code alerts}.
   */
  public static MeteringRunSummary runFiles(DatabaseConfig database, Path samples, boolean alerts)
      throws Exception {
    return run(
        MeteringSettings.defaults(JdbcTarget.of(database)),
        SampleFiles.source(samples),
        "file:" + samples,
        null,
        alerts ? AlertSettings.defaults(database) : null);
  }
}

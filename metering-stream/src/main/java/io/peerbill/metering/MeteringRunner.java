package io.peerbill.metering;

import io.peerbill.alerting.webhook.WebhookDelivery;
import io.peerbill.alerting.webhook.WebhookSettings;
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
 * stream` and the demo. Beside the job (not in it) the webhook delivery worker sends what the alert
 * branch queues in the outbox.
 */
public final class MeteringRunner {

  private MeteringRunner() {}

  /**
   * @param series the InfluxDB sink, or null for none
   * @param alerts the alert branch's settings, or null to evaluate no policies
   * @param webhooks how the delivery worker sends, or null to run none (with alerts, another worker
   *     such as {@code peerbill alerts deliver} sends them)
   */
  public static MeteringRunSummary run(
      MeteringSettings settings,
      Source<RawRecord, ?, ?> input,
      String sourceName,
      InfluxSeriesSink series,
      AlertSettings alerts,
      WebhookSettings webhooks)
      throws Exception {
    MeteringJob job =
        new MeteringJob(settings, input, sourceName, MeteringSinks.postgres(settings, series));
    StreamExecutionEnvironment env = MeteringEnvironment.create(settings, input);
    MeteringStreams streams = job.build(env);
    boolean bounded = input.getBoundedness() == Boundedness.BOUNDED;
    if (alerts == null) {
      return MeteringRunSummary.of(env.execute("peerbill metering"));
    }
    AlertBranch.attach(env, streams, alerts, bounded);
    if (webhooks == null) {
      return MeteringRunSummary.of(env.execute("peerbill metering"));
    }
    try (WebhookDelivery delivery = WebhookDelivery.start(alerts.database(), webhooks)) {
      MeteringRunSummary summary = MeteringRunSummary.of(env.execute("peerbill metering"));
      if (bounded) {
        // The run's last events are in the outbox: send what is due before the process ends.
        delivery.finish();
      }
      return summary;
    }
  }

  /**
   * A file or folder of samples into {@code database} with default settings, evaluating that
   * database's alert policies and sending their webhooks when {@code alerts}.
   */
  public static MeteringRunSummary runFiles(DatabaseConfig database, Path samples, boolean alerts)
      throws Exception {
    return runFiles(database, samples, alerts ? WebhookSettings.defaults() : null);
  }

  /**
   * The same, evaluating the database's alert policies and sending their webhooks with {@code
   * webhooks} (null: no alerts).
   */
  public static MeteringRunSummary runFiles(
      DatabaseConfig database, Path samples, WebhookSettings webhooks) throws Exception {
    return run(
        MeteringSettings.defaults(JdbcTarget.of(database)),
        SampleFiles.source(samples),
        "file:" + samples,
        null,
        webhooks != null ? AlertSettings.defaults(database) : null,
        webhooks);
  }
}

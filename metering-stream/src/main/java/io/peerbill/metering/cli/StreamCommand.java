package io.peerbill.metering.cli;

import io.peerbill.alerting.webhook.WebhookSettings;
import io.peerbill.db.Database;
import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.MeteringRunSummary;
import io.peerbill.metering.MeteringRunner;
import io.peerbill.metering.MeteringSettings;
import io.peerbill.metering.alert.AlertSettings;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.sink.InfluxSeriesSink;
import io.peerbill.metering.sink.InfluxTarget;
import io.peerbill.metering.source.KafkaSamples;
import io.peerbill.metering.source.SampleFiles;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.source.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peerbill stream}: runs the metering job. From the CLI it runs in-process (MiniCluster);
 * the same class is the main of the shaded jar submitted with {@code flink run}.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description =
        "Run the metering job: samples from files or Kafka to billing-grade 5-minute buckets in"
            + " PostgreSQL (and 1- and 5-minute series in InfluxDB with --influx-url). A file source ends when"
            + " its input ends; a Kafka source runs until stopped (or --bounded).")
public final class StreamCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "file:PATH|kafka:TOPIC",
      description = "JSON-lines file (.gz too) or folder, or a Kafka topic.")
  String source;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka brokers, host:port[,host:port] (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--group-id",
      defaultValue = "peerbill-metering",
      description =
          "Kafka consumer group; a restarted stream resumes from the offsets it committed "
              + "(default: ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--starting-offsets",
      defaultValue = "committed",
      description = "earliest, latest or committed (default: ${DEFAULT-VALUE}).")
  String startingOffsets;

  @Option(
      names = "--bounded",
      description =
          "Kafka: stop at the offsets current at start (a backfill: it checkpoints and commits its"
              + " offsets as it goes, and ends after one last checkpoint).")
  boolean bounded;

  @Option(
      names = "--partitions",
      split = ",",
      paramLabel = "P",
      description =
          "Kafka: read only these partitions (scale-out: one job per set); default all. Each set"
              + " publishes its own completeness marks.")
  java.util.Set<Integer> partitions = new java.util.TreeSet<>();

  @Option(names = "--influx-url", description = "InfluxDB 2 URL; no series without it.")
  String influxUrl;

  @Option(
      names = "--influx-token",
      defaultValue = "${env:PEERBILL_INFLUX_TOKEN}",
      description =
          "InfluxDB 2 API token; read from $PEERBILL_INFLUX_TOKEN when not given, which keeps "
              + "it out of the process list.")
  String influxToken;

  @Option(
      names = "--influx-org",
      defaultValue = "peerbill",
      description = "InfluxDB 2 organisation (default: ${DEFAULT-VALUE}).")
  String influxOrg;

  @Option(
      names = "--influx-bucket",
      defaultValue = "traffic",
      description = "InfluxDB 2 bucket the series are written to (default: ${DEFAULT-VALUE}).")
  String influxBucket;

  @Option(
      names = "--parallelism",
      defaultValue = "0",
      description = "0: number of cores. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How often the job checkpoints and commits its Kafka offsets; 0 turns checkpoints "
              + "off (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(
      names = "--state-backend",
      defaultValue = "hashmap",
      description = "hashmap or rocksdb. Default: ${DEFAULT-VALUE}.")
  String stateBackend;

  @Option(
      names = "--restart-attempts",
      defaultValue = "3",
      description =
          "Restarts after a failure, 10 s apart, before the job fails (default: ${DEFAULT-VALUE}).")
  int restartAttempts;

  @Option(
      names = "--out-of-orderness",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description =
          "How far behind the newest sample a sample may arrive and still be on time for the "
              + "series and alerts (default: ${DEFAULT-VALUE}).")
  Duration outOfOrderness;

  @Option(
      names = "--allowed-lateness",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "How long past a bucket's end a sample still corrects its series and alerts; billing "
              + "treats a bucket as final after it. Later samples still count for billing (default: "
              + "${DEFAULT-VALUE}).")
  Duration allowedLateness;

  @Option(
      names = "--catalog-refresh",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "How often connection states and caps are reloaded from PostgreSQL (default: "
              + "${DEFAULT-VALUE}).")
  Duration catalogRefresh;

  @Option(
      names = "--retention-days",
      defaultValue = "0",
      description = "Days of traffic partitions to keep; 0 keeps all. Default: ${DEFAULT-VALUE}.")
  int retentionDays;

  @Option(
      names = "--minute-buckets",
      description =
          "Keep 1-minute buckets in PostgreSQL too (traffic_1m). Billing reads only the 5-minute"
              + " buckets and the series store has every minute; this adds five rows per"
              + " 5-minute bucket to what the stream writes (default: off).")
  boolean minuteBuckets;

  @Option(
      names = "--alerts",
      negatable = true,
      defaultValue = "true",
      description = "Evaluate alert policies (default: yes).")
  boolean alerts;

  @Option(
      names = "--deliver-webhooks",
      negatable = true,
      defaultValue = "true",
      description =
          "Run the webhook delivery worker beside the job (default: yes); without it, run"
              + " `peerbill alerts deliver` or the API server to send them.")
  boolean deliverWebhooks;

  @Option(
      names = "--policy-refresh",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How soon alert policy changes reach the running job (default: ${DEFAULT-VALUE}).")
  Duration policyRefresh;

  @Override
  public Integer call() throws Exception {
    SourceSpec spec = SourceSpec.parse(source);
    try (Database db = Database.open()) {
      MeteringSettings settings =
          MeteringSettings.defaults(JdbcTarget.of(db.connectionConfig()))
              .withParallelism(parallelism)
              .withEventTime(outOfOrderness, allowedLateness)
              .withCheckpoints(
                  checkpointInterval, stateBackend, restartAttempts, Duration.ofSeconds(10))
              .withSinks(2000, retentionDays)
              .withMinuteBuckets(minuteBuckets)
              .withCatalogRefresh(catalogRefresh);
      InfluxSeriesSink series =
          influxUrl == null
              ? null
              : new InfluxSeriesSink(
                  InfluxTarget.of(influxUrl, influxToken, influxOrg, influxBucket));
      PrintWriter out = this.spec.commandLine().getOut();
      out.println(
          spec.isFile()
              ? ResumeReport.forFile(source)
              : ResumeReport.forKafka(
                  bootstrapServers, spec.target(), groupId, startingOffsets, partitions));
      out.flush();
      MeteringRunSummary summary =
          MeteringRunner.run(
              settings,
              source(spec),
              partitions.isEmpty() ? source : source + ":" + partitions,
              series,
              alerts
                  ? AlertSettings.defaults(db.connectionConfig()).withPolicyRefresh(policyRefresh)
                  : null,
              alerts && deliverWebhooks ? WebhookSettings.defaults() : null);
      print(summary);
    }
    return 0;
  }

  private Source<RawRecord, ?, ?> source(SourceSpec spec) {
    if (spec.isFile()) {
      return SampleFiles.source(spec.path());
    }
    return KafkaSamples.source(
        bootstrapServers,
        spec.target(),
        groupId,
        startingOffsets,
        bounded,
        partitions,
        new Properties());
  }

  private void print(MeteringRunSummary s) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("input:      %d%n", s.input());
    out.printf("accepted:   %d%n", s.accepted());
    out.printf("duplicates: %d%n", s.duplicates());
    out.printf("rejected:   %d%n", s.rejectedTotal());
    s.rejected().entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> out.printf("  %-20s %d%n", e.getKey(), e.getValue()));
    out.printf(
        "late:       %d (after their bucket's allowed lateness; not in the series)%n", s.late());
    out.flush();
  }
}

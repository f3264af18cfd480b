package io.peerbill.cli;

import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import io.peerbill.metering.cli.DurationConverter;
import io.peerbill.tools.gen.GeneratedFleet;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import io.peerbill.tools.gen.SampleWriters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code peerbill gen-samples}: synthetic traffic samples for tests, the bench and the demo. */
@Command(
    name = "gen-samples",
    mixinStandardHelpOptions = true,
    description =
        "Write N connections x reporters x a time span of samples (day-shaped traffic with"
            + " bursts), optionally with malformed, duplicate, late and unknown-connection"
            + " records, to a file, a folder of files or a Kafka topic.")
public final class GenSamplesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  static final class Target {
    @Option(names = "--out", paramLabel = "FILE", description = "One file (.gz compresses).")
    Path file;

    @Option(
        names = "--folder",
        paramLabel = "DIR",
        description = "A folder of --files files, consecutive time ranges.")
    Path folder;

    @Option(names = "--kafka", paramLabel = "TOPIC", description = "A Kafka topic.")
    String topic;
  }

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(
      names = "--files",
      defaultValue = "4",
      description = "Number of files --folder is split into (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--gzip", description = "Compress the files of --folder.")
  boolean gzip;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka brokers for --kafka (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--connections",
      defaultValue = "100",
      description = "Connections to generate samples for (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--reporters",
      defaultValue = "2",
      description =
          "Gateways reporting each connection, each with its own seqs (default: ${DEFAULT-VALUE}).")
  int reporters;

  @Option(
      names = "--start",
      description = "First interval start, ISO instant (default: yesterday 00:00 UTC).")
  Instant start;

  @Option(
      names = "--span",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Time the samples cover from --start (default: ${DEFAULT-VALUE}).")
  Duration span;

  @Option(
      names = "--interval",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "How often each reporter sends a sample (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Random seed: the same seed and options give the same samples (default: "
              + "${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--malformed",
      defaultValue = "0",
      description = "Fraction, e.g. 0.01. Default: ${DEFAULT-VALUE}.")
  double malformed;

  @Option(
      names = "--duplicates",
      defaultValue = "0",
      description = "Fraction of samples sent twice (default: ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(
      names = "--late",
      defaultValue = "0",
      description =
          "Fraction of samples that arrive --late-by after their time (default: ${DEFAULT-VALUE}).")
  double late;

  @Option(
      names = "--late-by",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description =
          "How much later than their time the late samples arrive (default: ${DEFAULT-VALUE}).")
  Duration lateBy;

  @Option(
      names = "--unknown",
      defaultValue = "0",
      description =
          "Fraction of samples for connection ids that do not exist (default: ${DEFAULT-VALUE}).")
  double unknown;

  @Option(
      names = "--register",
      description =
          "Also register the connections (ACTIVE from a day before --start); on a configured"
              + " (not the embedded) database only with --synthetic-data.")
  boolean register;

  @Option(
      names = "--synthetic-data",
      description =
          "The configured database holds test data only: --register may add its synthetic"
              + " accounts and connections there.")
  boolean syntheticData;

  @Override
  public Integer call() throws Exception {
    Instant from =
        start != null
            ? start
            : LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    GeneratorSpec gen =
        new GeneratorSpec(
            connections,
            reporters,
            from,
            span,
            interval,
            seed,
            malformed,
            duplicates,
            late,
            lateBy,
            unknown);
    List<String> registered = null;
    if (register) {
      DatabaseConfig config = DatabaseConfig.fromEnvironment();
      if (!config.isEmbedded() && !syntheticData) {
        throw new ParameterException(
            spec.commandLine(),
            "--register would add "
                + connections
                + " synthetic ACTIVE connections to the configured database "
                + config.describe()
                + "; add --synthetic-data if it holds test data only");
      }
      try (Database db = Database.open(config)) {
        registered = GeneratedFleet.register(db.dsl(), connections, from.minus(Duration.ofDays(1)));
      }
    }
    Map<String, Long> outcomes = new TreeMap<>();
    try (SampleWriters.Output out = output(gen)) {
      (registered != null
              ? SampleGenerator.forConnections(gen, registered)
              : new SampleGenerator(gen))
          .generate(
              r -> {
                outcomes.merge(r.outcome(), 1L, Long::sum);
                out.accept(r);
              });
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "wrote %d records to %s%n", outcomes.values().stream().mapToLong(l -> l).sum(), describe());
    outcomes.forEach((k, v) -> w.printf("  %-20s %d%n", k, v));
    w.flush();
    return 0;
  }

  private SampleWriters.Output output(GeneratorSpec gen) throws java.io.IOException {
    if (target.topic != null) {
      return SampleWriters.kafka(bootstrapServers, target.topic);
    }
    if (target.folder != null) {
      return SampleWriters.files(target.folder, files, gen, gzip);
    }
    return SampleWriters.files(target.file, gen);
  }

  private String describe() {
    if (target.topic != null) {
      return "kafka:" + target.topic;
    }
    return "file:" + (target.folder != null ? target.folder : target.file).toAbsolutePath();
  }
}

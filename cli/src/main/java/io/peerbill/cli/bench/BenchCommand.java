package io.peerbill.cli.bench;

import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import io.peerbill.metering.cli.DurationConverter;
import io.peerbill.tools.VictoriaMetricsServer;
import io.peerbill.tools.gen.GeneratorSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code peerbill bench …}: measurements kept apart from the tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (not tests); results belong in BENCHMARKS.md.",
    subcommands = {BenchCommand.Stream.class})
public final class BenchCommand {

  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      description =
          "Samples/s of the metering job end to end (file -> PostgreSQL + InfluxDB) against a"
              + " plain single-threaded parse + validate + aggregate loop over the same input,"
              + " and the job's peak heap.")
  static final class Stream implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--connections",
        defaultValue = "100000",
        description =
            "Synthetic connections (in a throwaway database of the bench's own) (default: "
                + "${DEFAULT-VALUE}).")
    int connections;

    @Option(
        names = "--reporters",
        defaultValue = "2",
        description = "Gateways reporting each connection (default: ${DEFAULT-VALUE}).")
    int reporters;

    @Option(
        names = "--span",
        defaultValue = "10m",
        converter = DurationConverter.class,
        description = "Event time the input covers (default: ${DEFAULT-VALUE}).")
    Duration span;

    @Option(
        names = "--interval",
        defaultValue = "1m",
        converter = DurationConverter.class,
        description =
            "How often each reporter sends a sample (aggregates per sample shrink with it). "
                + "Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(
        names = "--parallelism",
        defaultValue = "2",
        description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
        names = "--sinks",
        defaultValue = "all",
        description =
            "all (PostgreSQL + InfluxDB), postgres, or none (to see what the sinks cost;"
                + " results with fewer sinks are not the end-to-end figure).")
    String sinks;

    @Option(
        names = "--influx-url",
        description = "InfluxDB 2 URL (default: a victoria-metrics started for the run).")
    String influxUrl;

    @Option(
        names = "--minute-buckets",
        description = "Keep 1-minute buckets in PostgreSQL too, as `stream --minute-buckets` does.")
    boolean minuteBuckets;

    @Override
    public Integer call() throws Exception {
      StreamBench.Sinks writeTo = sinks();
      Instant start = Instant.parse("2026-01-05T00:00:00Z");
      GeneratorSpec gen =
          GeneratorSpec.clean(connections, reporters, start, span, 1).over(start, span, interval);
      Path work = Files.createTempDirectory("peerbill-bench");
      VictoriaMetricsServer victoria =
          writeTo == StreamBench.Sinks.ALL && influxUrl == null && VictoriaMetricsServer.installed()
              ? VictoriaMetricsServer.start()
              : null;
      // A throwaway embedded PostgreSQL of the bench's own: its synthetic connections and traffic
      // never reach the user's database.
      try (Database db = Database.open(new DatabaseConfig(null, null, null, work.toString()))) {
        StreamBench.Result r =
            StreamBench.run(
                db,
                gen,
                parallelism,
                writeTo,
                minuteBuckets,
                victoria != null ? victoria.url() : influxUrl,
                victoria != null ? victoria.process() : null,
                work);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "samples:            %,d (%,d connections x %d reporters x %s, one per %s)%n",
            r.samples(), connections, reporters, span, interval);
        out.printf(
            "job (p=%d, file -> %s): %.1f s, %,.0f samples/s%n",
            parallelism,
            switch (writeTo) {
              case NONE -> "no sinks";
              case POSTGRES -> "PostgreSQL";
              case ALL -> "PostgreSQL + " + (victoria != null ? "victoria-metrics" : r.influx());
            },
            r.jobSeconds(),
            r.jobRate());
        out.printf(
            "plain loop (1 thread):  %.1f s, %,.0f samples/s%n", r.loopSeconds(), r.loopRate());
        out.printf("ratio job / loop:       %.2f%n", r.jobRate() / r.loopRate());
        out.printf("job peak heap:          %,d MB%n", r.jobHeapPeakBytes() >> 20);
        out.printf(
            "ledger:                 %,d rows, %,d bytes on disk: %.2f rows and %,d bytes per"
                + " connection-day%n",
            r.ledgerRows(),
            r.ledgerBytes(),
            (double) r.ledgerRows() / r.connectionDays(),
            r.ledgerBytes() / r.connectionDays());
        out.printf(
            "CPU during the job:     JVM %.1f s, PostgreSQL %.1f s, victoria-metrics %.1f s"
                + " (of %.1f s x %d cores)%n",
            r.jobCpuSeconds(),
            r.postgresCpuSeconds(),
            r.influxCpuSeconds(),
            r.jobSeconds(),
            Runtime.getRuntime().availableProcessors());
        out.flush();
      } finally {
        if (victoria != null) {
          victoria.close();
        }
        deleteRecursively(work);
      }
      return 0;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }

    private StreamBench.Sinks sinks() {
      try {
        return StreamBench.Sinks.valueOf(sinks.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "--sinks must be all, postgres or none, not " + sinks);
      }
    }
  }
}

package io.peerbill.cli.bench;

import io.peerbill.db.Database;
import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.MeteringEnvironment;
import io.peerbill.metering.MeteringJob;
import io.peerbill.metering.MeteringRunSummary;
import io.peerbill.metering.MeteringSettings;
import io.peerbill.metering.MeteringSinks;
import io.peerbill.metering.sink.InfluxSeriesSink;
import io.peerbill.metering.sink.InfluxTarget;
import io.peerbill.metering.source.SampleFiles;
import io.peerbill.metering.validate.ConnectionCatalog;
import io.peerbill.metering.validate.ConnectionCatalogLoader;
import io.peerbill.tools.bench.ProcessCpu;
import io.peerbill.tools.gen.GeneratedFleet;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import io.peerbill.tools.gen.SampleWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@code peerbill bench stream}: the job end to end (file source to PostgreSQL and InfluxDB) and
 * the plain loop over the same generated input, measured side by side in one run.
 */
public final class StreamBench {

  /** What one bench run measured. */
  public record Result(
      long samples,
      double jobSeconds,
      double loopSeconds,
      long jobHeapPeakBytes,
      int connections,
      String influx,
      double jobCpuSeconds,
      double postgresCpuSeconds,
      double influxCpuSeconds,
      long ledgerRows,
      long ledgerBytes,
      long connectionDays) {

    public double jobRate() {
      return samples / jobSeconds;
    }

    public double loopRate() {
      return samples / loopSeconds;
    }
  }

  /** Which sinks the job writes to: all of them, or fewer, to see what each costs. */
  public enum Sinks {
    ALL,
    POSTGRES,
    NONE
  }

  private StreamBench() {}

  public static Result run(
      Database db,
      GeneratorSpec spec,
      int parallelism,
      Sinks writeTo,
      boolean minuteBuckets,
      String influxUrl,
      ProcessHandle influxServer,
      Path work)
      throws Exception {
    if (!db.isEmbedded()) {
      throw new IllegalStateException(
          "bench stream drops the daily partitions it fills: it runs on a database of its own");
    }
    List<String> ids =
        GeneratedFleet.register(
            db.dsl(), spec.connections(), spec.start().minus(Duration.ofDays(2)));
    Path file = generate(spec, ids, work.resolve("bench-samples.jsonl"));
    // The warm-up input: the same traffic a day earlier, so the timed run writes new rows.
    GeneratorSpec warmSpec =
        spec.over(spec.start().minus(Duration.ofDays(1)), spec.span(), spec.interval());
    Path warmFile = generate(warmSpec, ids, work.resolve("bench-warm-up.jsonl"));
    dropDays(db.dsl(), warmSpec.start(), spec.start().plus(spec.span()));
    long samples = count(spec);

    ConnectionCatalog catalog = ConnectionCatalogLoader.load(db.dsl(), System.currentTimeMillis());
    PlainMeterLoop.run(warmFile, catalog); // warmed up like the job
    long t0 = System.nanoTime();
    long counted = PlainMeterLoop.run(file, catalog);
    double loopSeconds = (System.nanoTime() - t0) / 1e9;
    if (counted != samples) {
      throw new IllegalStateException("the loop counted " + counted + " of " + samples);
    }

    MeteringSettings settings =
        MeteringSettings.defaults(JdbcTarget.of(db.connectionConfig()))
            .withParallelism(parallelism)
            .withMinuteBuckets(minuteBuckets)
            .withSinks(5000, 0);
    // A job on a fresh JVM spends a third of its CPU compiling Flink's and our code (C2 threads):
    // one run over the warm-up input first, as in a job that has run for a while, then the timed
    // run. (A warm-up of a quarter of the input left the compiler busier during the timed run.)
    runJob(settings, warmFile, sinks(settings, writeTo, influxUrl), count(warmSpec));
    Files.deleteIfExists(warmFile);

    MeteringSinks sinks = sinks(settings, writeTo, influxUrl);
    System.gc();
    double jobSeconds;
    long heap;
    Optional<ProcessHandle> postgres = postmaster(db);
    Optional<ProcessHandle> influx = Optional.ofNullable(influxServer);
    double[] cpu = {ProcessCpu.ofThisJvm(), ProcessCpu.of(postgres), ProcessCpu.of(influx)};
    try (HeapWatcher watcher = new HeapWatcher()) {
      long t1 = System.nanoTime();
      runJob(settings, file, sinks, samples);
      jobSeconds = (System.nanoTime() - t1) / 1e9;
      heap = watcher.peakBytes();
    }
    cpu[0] = ProcessCpu.ofThisJvm() - cpu[0];
    cpu[1] = ProcessCpu.of(postgres) - cpu[1];
    cpu[2] = ProcessCpu.of(influx) - cpu[2];
    Files.deleteIfExists(file);
    LocalDate first = LocalDate.ofInstant(spec.start(), ZoneOffset.UTC);
    LocalDate last =
        LocalDate.ofInstant(spec.start().plus(spec.span()).minusMillis(1), ZoneOffset.UTC);
    long days = first.until(last).getDays() + 1;
    // What the ledger costs: its rows, and its partitions' size on disk (heap, index, TOAST).
    DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
    org.jooq.Record ledger =
        db.dsl()
            .fetchOne(
                "SELECT (SELECT count(*) FROM sample_ledger WHERE day BETWEEN ?::date AND ?::date),"
                    + " (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                    + " WHERE c.relname LIKE 'sample\\_ledger\\_p%' AND right(c.relname, 8)"
                    + " BETWEEN ? AND ?)",
                first.toString(), last.toString(), first.format(basic), last.format(basic));
    return new Result(
        samples,
        jobSeconds,
        loopSeconds,
        heap,
        spec.connections(),
        writeTo != Sinks.ALL || influxUrl == null ? "none" : influxUrl,
        cpu[0],
        cpu[1],
        cpu[2],
        ledger.get(0, Long.class),
        ledger.get(1, Long.class),
        spec.connections() * days);
  }

  /**
   * Every run starts from empty days, so its rows are inserts as in a live stream and none of its
   * samples is in the ledger already (a rerun would otherwise count nothing: the same samples).
   */
  private static void dropDays(DSLContext sql, Instant from, Instant to) {
    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
    for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC);
        !d.isAfter(last);
        d = d.plusDays(1)) {
      String day = d.format(DateTimeFormatter.BASIC_ISO_DATE);
      sql.execute(
          "DROP TABLE IF EXISTS traffic_1m_p%1$s, traffic_5m_p%1$s, sample_ledger_p%1$s"
              .formatted(day));
    }
  }

  private static Path generate(GeneratorSpec spec, List<String> ids, Path file) throws Exception {
    try (SampleWriters.Output out = SampleWriters.files(file, spec)) {
      SampleGenerator.forConnections(spec, ids).generate(out);
    }
    return file;
  }

  private static long count(GeneratorSpec spec) {
    return spec.samplesPerInterval() * (spec.span().toMillis() / spec.interval().toMillis());
  }

  private static void runJob(
      MeteringSettings settings, Path file, MeteringSinks sinks, long expected) throws Exception {
    MeteringRunSummary summary =
        new MeteringJob(settings, SampleFiles.source(file), "bench", sinks)
            .run(MeteringEnvironment.create(settings));
    // Without a traffic store nothing counts samples as accepted.
    if (sinks.traffic() != null && summary.accepted() != expected) {
      throw new IllegalStateException("the job accepted " + summary.accepted() + " of " + expected);
    }
  }

  /** The PostgreSQL server process: the parent of a backend. */
  private static Optional<ProcessHandle> postmaster(Database db) {
    Integer backend = db.dsl().fetchValue(DSL.field("pg_backend_pid()", Integer.class));
    return ProcessHandle.of(backend).flatMap(ProcessHandle::parent);
  }

  private static MeteringSinks sinks(MeteringSettings settings, Sinks writeTo, String influxUrl) {
    if (writeTo == Sinks.NONE) {
      return new MeteringSinks(null, new DiscardingSink<>(), null);
    }
    return MeteringSinks.postgres(
        settings,
        writeTo == Sinks.POSTGRES || influxUrl == null
            ? null
            : new InfluxSeriesSink(InfluxTarget.of(influxUrl, "bench", "peerbill", "bench")));
  }
}

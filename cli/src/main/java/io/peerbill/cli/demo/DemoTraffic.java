package io.peerbill.cli.demo;

import io.peerbill.billing.BillingDay;
import io.peerbill.tools.gen.GeneratedConnection;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import io.peerbill.tools.gen.SampleWriters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A day of gateway samples for the demo's connections: two reporters each, day-shaped with bursts,
 * and a sprinkling of malformed, duplicate, late and unknown-connection records. Each connection's
 * base level is chosen for what it shows: Acme's Guangzhou–Beijing link bursts past its morning
 * cap, Singapore–Frankfurt runs above its 200 Mbps cap, the deleted link's gateways keep reporting
 * after 13:00 (those samples are NOT_ACTIVE).
 */
final class DemoTraffic {

  static final long SEED = 20261125L;

  /**
   * Base level (Mbps) per connection name, in the fixed order the generator draws their traffic:
   * the same world gives the same samples on every run, however its ids were looked up.
   */
  static final List<Map.Entry<String, Double>> BASE_MBPS =
      List.of(
          Map.entry(DemoWorld.GZ_BJ, 420.0),
          Map.entry(DemoWorld.GZ_SAME_REGION, 300.0),
          Map.entry(DemoWorld.SG_FRA, 400.0),
          Map.entry(DemoWorld.SH_BJ_DELETED, 250.0),
          Map.entry(DemoWorld.BJ_FRA, 150.0));

  private final BillingDay day;
  private final Duration interval;
  private final boolean faults;

  /**
   * @param interval the gateways' export interval (1 minute in the demo; the end-to-end test uses 5
   *     to stay small)
   */
  DemoTraffic(BillingDay day, Duration interval, boolean faults) {
    this.day = day;
    this.interval = interval;
    this.faults = faults;
  }

  /**
   * The gateways keep reporting into the next morning; the stream's watermark passing the end of
   * the day plus billing's allowed lateness is what lets the nightly job bill the day.
   */
  static final Duration INTO_NEXT_DAY = Duration.ofMinutes(90);

  GeneratorSpec spec(int connections) {
    GeneratorSpec clean =
        new GeneratorSpec(
            connections,
            2,
            day.start(),
            Duration.between(day.start(), day.end()).plus(INTO_NEXT_DAY),
            interval,
            SEED,
            0,
            0,
            0,
            Duration.ZERO,
            0);
    return faults ? clean.withFaults(0.002, 0.003, 0.002, Duration.ofMinutes(30), 0.001) : clean;
  }

  List<GeneratedConnection> connections(Map<String, String> idsByName) {
    List<GeneratedConnection> out = new ArrayList<>();
    for (Map.Entry<String, Double> base : BASE_MBPS) {
      out.add(GeneratedConnection.mbps(idsByName.get(base.getKey()), base.getValue()));
    }
    return out;
  }

  BillingDay day() {
    return day;
  }

  /** The day's records in stream order, each labelled with what the job must make of it. */
  void generate(Map<String, String> idsByName, Consumer<GeneratedRecord> out) {
    List<GeneratedConnection> connections = connections(idsByName);
    new SampleGenerator(spec(connections.size()), connections).generate(out);
  }

  /** Writes the day into {@code file} (gzip when it ends in .gz); returns the line count. */
  long write(Map<String, String> idsByName, Path file) throws IOException {
    long[] count = {0};
    try (SampleWriters.Output out =
        SampleWriters.files(file, spec(connections(idsByName).size()))) {
      generate(
          idsByName,
          record -> {
            out.accept(record);
            count[0]++;
          });
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
    return count[0];
  }
}

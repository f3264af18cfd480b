package io.peerbill.metering;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.metering.MeteringFixtures.ONE_HOUR_LATER;

import io.peerbill.alerting.TrafficCounts;
import io.peerbill.metering.model.RejectReason;
import io.peerbill.peering.WorldBuilder;
import io.peerbill.tools.gen.GeneratedFleet;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratedSample;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The world the job's end-to-end tests run in: six connections registered through the peering
 * service an hour before the fixtures' day ({@link GeneratedFleet}: 1st, 3rd and 5th cross-region),
 * the sixth deleted half an hour in, so its later samples are NOT_ACTIVE (D12); and the hour of
 * input those tests send, built on the ids the service gave.
 */
public record JobWorld(List<String> connections) {

  public static final int CONNECTIONS = 6;
  public static final Instant DELETED_AT = DAY_START.plus(Duration.ofMinutes(30));

  /** Registers the world once in {@code sql}; a second database gets it as a copy of the first. */
  public static JobWorld register(DSLContext sql) {
    List<String> ids =
        GeneratedFleet.register(sql, CONNECTIONS, DAY_START.minus(Duration.ofHours(1)));
    JobWorld world = new JobWorld(List.copyOf(ids));
    new WorldBuilder(sql, Clock.fixed(DELETED_AT, ZoneOffset.UTC))
        .peering()
        .connections()
        .delete(GeneratedFleet.ACCOUNT_A, world.deleted());
    return world;
  }

  /** Connection {@code index} (0-based, generator order). */
  public String connection(int index) {
    return connections.get(index);
  }

  /** The connection deleted at {@link #DELETED_AT}. */
  public String deleted() {
    return connection(CONNECTIONS - 1);
  }

  /**
   * 6 connections × 2 reporters × 1 hour with every kind of fault, then two handcrafted samples
   * behind the watermark but within the allowed lateness (and a repeat of one of them).
   */
  public List<GeneratedRecord> input() {
    GeneratorSpec spec =
        GeneratorSpec.clean(CONNECTIONS, 2, DAY_START, Duration.ofHours(1), 42)
            .withFaults(0.03, 0.03, 0.02, Duration.ofMinutes(30), 0.03);
    List<GeneratedRecord> records = new ArrayList<>();
    SampleGenerator.forConnections(spec, connections).generate(records::add);
    for (int seq = 1; seq <= 2; seq++) {
      GeneratedSample lateButAllowed =
          new GeneratedSample(
              connection(0),
              "gw-late",
              seq,
              ONE_HOUR_LATER.minus(Duration.ofMinutes(2 + seq)).toEpochMilli(),
              60_000,
              new TrafficCounts(1_000_000L * seq, 7, 3, 4, 0, 0));
      records.add(new GeneratedRecord(lateButAllowed.json(), "COUNTED", lateButAllowed));
    }
    records.add(new GeneratedRecord(records.get(records.size() - 1).line(), "DUPLICATE", null));
    return records.stream().map(this::notActiveAfterDeletion).toList();
  }

  private GeneratedRecord notActiveAfterDeletion(GeneratedRecord r) {
    GeneratedSample s = r.sample();
    if (s != null
        && s.connectionId().equals(deleted())
        && s.countedAt() >= DELETED_AT.toEpochMilli()) {
      return new GeneratedRecord(r.line(), RejectReason.NOT_ACTIVE.name(), s);
    }
    return r;
  }
}

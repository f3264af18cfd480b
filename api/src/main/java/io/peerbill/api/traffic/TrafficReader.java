package io.peerbill.api.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads a connection's stored buckets of one period, with the cap in force at each. */
@Component
public class TrafficReader {

  private static final String FIVE_MINUTES = resource("buckets-5m.sql");
  private static final String ONE_MINUTE = resource("buckets-1m.sql");

  private final DSLContext sql;

  public TrafficReader(DSLContext sql) {
    this.sql = sql;
  }

  public List<TrafficBucket> buckets(
      String connectionId, Instant from, Instant to, TrafficPeriod period) {
    double seconds = period.seconds();
    return sql.resultQuery(
            period == TrafficPeriod.FIVE_MINUTES ? FIVE_MINUTES : ONE_MINUTE,
            connectionId,
            OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
            OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
        .fetch(
            r ->
                TrafficBucket.of(
                    r.get(0, OffsetDateTime.class).toInstant(),
                    seconds,
                    r.get(1, Long.class),
                    r.get(2, Long.class),
                    r.get(3, Long.class),
                    r.get(4, Long.class),
                    r.get(5, Long.class),
                    r.get(6, Long.class),
                    r.get(7, Integer.class),
                    r.get(8, Integer.class)));
  }

  private static String resource(String name) {
    try (InputStream in = TrafficReader.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

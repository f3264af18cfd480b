package io.peerbill.api.traffic;

import io.peerbill.alerting.TrafficCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    String query = period == TrafficPeriod.FIVE_MINUTES ? FIVE_MINUTES : ONE_MINUTE;
    // Plain JDBC under jOOQ's connection: the API's hottest read, without per-value conversion.
    return sql.connectionResult(
        c -> {
          try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, connectionId);
            s.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            s.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
              List<TrafficBucket> out = new ArrayList<>();
              while (r.next()) {
                int capValue = r.getInt(9);
                Integer cap = r.wasNull() ? null : capValue;
                out.add(
                    TrafficBucket.of(
                        r.getObject(1, OffsetDateTime.class).toInstant(),
                        seconds,
                        new TrafficCounts(
                            r.getLong(2),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getLong(6),
                            r.getLong(7)),
                        r.getInt(8),
                        cap));
              }
              return out;
            }
          }
        });
  }

  private static String resource(String name) {
    try (InputStream in = TrafficReader.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

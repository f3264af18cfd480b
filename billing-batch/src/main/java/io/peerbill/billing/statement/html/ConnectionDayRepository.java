package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A connection's billing day as the statement charts it: its buckets (one query per connection-day,
 * never more than that day), its ACTIVE spans and the caps in force.
 */
@Repository
public class ConnectionDayRepository {

  private static final String BUCKETS_SQL = resource("connection-day-buckets.sql");

  private final NamedParameterJdbcTemplate jdbc;

  public ConnectionDayRepository(DataSource dataSource) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
  }

  public List<Bucket> buckets(String connectionId, BillingDay day) {
    return jdbc.query(
        BUCKETS_SQL,
        parameters(connectionId, day),
        (rs, row) ->
            new Bucket(
                instant(rs, "bucket_start"), rs.getLong("in_bytes"), rs.getLong("out_bytes")));
  }

  public List<ActiveSpan> activeSpans(String connectionId, BillingDay day) {
    return jdbc.query(
        """
        SELECT greatest(active_from, CAST(:day_start AS timestamptz)) AS from_ts,
               least(coalesce(active_to, 'infinity'::timestamptz),
                     CAST(:day_end AS timestamptz)) AS to_ts
          FROM peering_active_interval
         WHERE connection_id = :connection_id
           AND active_from < CAST(:day_end AS timestamptz)
           AND (active_to IS NULL OR active_to > CAST(:day_start AS timestamptz))
         ORDER BY active_from
        """,
        parameters(connectionId, day),
        (rs, row) -> new ActiveSpan(instant(rs, "from_ts"), instant(rs, "to_ts")));
  }

  /**
   * The caps in force during the day, as billing reads them (D6): the one in force at its start and
   * every change during it; the connection's current cap when it has no recorded history.
   */
  public List<CapStep> capSteps(String connectionId, BillingDay day, Integer currentCapMbps) {
    List<CapStep> steps =
        jdbc.query(
            """
            SELECT greatest(effective_from, CAST(:day_start AS timestamptz)) AS from_ts, cap_mbps
              FROM bandwidth_cap_change
             WHERE connection_id = :connection_id
               AND effective_from < CAST(:day_end AS timestamptz)
               AND effective_from >= coalesce(
                       (SELECT max(effective_from)
                          FROM bandwidth_cap_change
                         WHERE connection_id = :connection_id
                           AND effective_from <= CAST(:day_start AS timestamptz)),
                       '-infinity'::timestamptz)
             ORDER BY effective_from, id
            """,
            parameters(connectionId, day),
            (rs, row) -> new CapStep(instant(rs, "from_ts"), rs.getInt("cap_mbps")));
    if (steps.isEmpty() && currentCapMbps != null) {
      return List.of(new CapStep(day.start(), currentCapMbps));
    }
    return steps;
  }

  /** Names, regions and current caps of the given connections, by id. */
  public Map<String, ConnectionInfo> connections(Collection<String> ids) {
    Map<String, ConnectionInfo> byId = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return byId;
    }
    jdbc.query(
        """
        SELECT id, name, requester_region, accepter_region, scope, bandwidth_cap_mbps
          FROM peering_connection WHERE id IN (:ids) ORDER BY id
        """,
        new MapSqlParameterSource("ids", new ArrayList<>(ids)),
        rs -> {
          byId.put(
              rs.getString("id"),
              new ConnectionInfo(
                  rs.getString("id"),
                  rs.getString("name"),
                  rs.getString("requester_region"),
                  rs.getString("accepter_region"),
                  "CROSS_REGION".equals(rs.getString("scope")),
                  rs.getObject("bandwidth_cap_mbps", Integer.class)));
        });
    return byId;
  }

  private static MapSqlParameterSource parameters(String connectionId, BillingDay day) {
    return new MapSqlParameterSource()
        .addValue("connection_id", connectionId)
        .addValue("day_start", day.start().atOffset(ZoneOffset.UTC))
        .addValue("day_end", day.end().atOffset(ZoneOffset.UTC));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static String resource(String name) {
    try (InputStream in = ConnectionDayRepository.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

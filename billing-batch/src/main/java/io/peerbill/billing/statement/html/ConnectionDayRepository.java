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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Connections' billing day as the statement charts it: their buckets (never more than that day),
 * their ACTIVE spans and the caps in force. Each method answers for many connections with one
 * query, so a chunk of statement pages costs a handful of queries, not a few per connection (and
 * reads the day's pages once per chunk: an account's connections are spread over all of them).
 */
@Repository
public class ConnectionDayRepository {

  private static final String BUCKETS_SQL = resource("connection-day-buckets.sql");

  private static final int FETCH_SIZE = 10_000;

  private final NamedParameterJdbcTemplate jdbc;

  public ConnectionDayRepository(DataSource dataSource) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    // Rows stream in batches (the step's chunk transaction keeps the cursor open) instead of the
    // driver holding a chunk's whole result, hundreds of thousands of buckets, before the first.
    template.setFetchSize(FETCH_SIZE);
    this.jdbc = new NamedParameterJdbcTemplate(template);
  }

  /**
   * Per connection, its buckets of the day in time order (none: no entry), whether or not they
   * overlap its ACTIVE time ({@link TrafficChart} keeps those that do).
   */
  public Map<String, List<Bucket>> buckets(Collection<String> ids, BillingDay day) {
    Map<String, List<Bucket>> byConnection = new HashMap<>();
    if (ids.isEmpty()) {
      return byConnection;
    }
    query(
        BUCKETS_SQL,
        ids,
        day,
        rs -> {
          byConnection
              .computeIfAbsent(rs.getString("connection_id"), id -> new ArrayList<>(300))
              .add(
                  new Bucket(
                      instant(rs, "bucket_start"),
                      rs.getLong("in_bytes"),
                      rs.getLong("out_bytes")));
        });
    return byConnection;
  }

  /** Per connection, the parts of the day it was ACTIVE, in order. */
  public Map<String, List<ActiveSpan>> activeSpans(Collection<String> ids, BillingDay day) {
    Map<String, List<ActiveSpan>> byConnection = new HashMap<>();
    if (ids.isEmpty()) {
      return byConnection;
    }
    query(
        """
        SELECT connection_id,
               greatest(active_from, CAST(:day_start AS timestamptz)) AS from_ts,
               least(coalesce(active_to, 'infinity'::timestamptz),
                     CAST(:day_end AS timestamptz)) AS to_ts
          FROM peering_active_interval
         WHERE connection_id = ANY(:ids)
           AND active_from < CAST(:day_end AS timestamptz)
           AND (active_to IS NULL OR active_to > CAST(:day_start AS timestamptz))
         ORDER BY connection_id, active_from
        """,
        ids,
        day,
        rs -> {
          byConnection
              .computeIfAbsent(rs.getString("connection_id"), id -> new ArrayList<>(1))
              .add(new ActiveSpan(instant(rs, "from_ts"), instant(rs, "to_ts")));
        });
    return byConnection;
  }

  /** Per connection, the caps in force during the day (D6), as billing reads them. */
  public Map<String, List<CapStep>> capSteps(
      Collection<StatementConnection> connections, BillingDay day) {
    Map<String, List<CapStep>> byConnection = new HashMap<>();
    if (connections.isEmpty()) {
      return byConnection;
    }
    query(
        """
        SELECT connection_id,
               greatest(in_force_from, CAST(:day_start AS timestamptz)) AS from_ts, cap_mbps
          FROM cap_in_force
         WHERE connection_id = ANY(:ids)
           AND in_force_from < CAST(:day_end AS timestamptz)
           AND in_force_to > CAST(:day_start AS timestamptz)
         ORDER BY connection_id, in_force_from
        """,
        connections.stream().map(StatementConnection::id).toList(),
        day,
        rs -> {
          byConnection
              .computeIfAbsent(rs.getString("connection_id"), id -> new ArrayList<>(1))
              .add(new CapStep(instant(rs, "from_ts"), rs.getInt("cap_mbps")));
        });
    return byConnection;
  }

  /** Names and regions of the given connections, by id. */
  public Map<String, StatementConnection> connections(Collection<String> ids) {
    Map<String, StatementConnection> byId = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return byId;
    }
    query(
        """
        SELECT id, name, requester_region, accepter_region, scope, bandwidth_cap_mbps
          FROM peering_connection WHERE id = ANY(:ids) ORDER BY id
        """,
        ids,
        null,
        rs -> {
          byId.put(
              rs.getString("id"),
              new StatementConnection(
                  rs.getString("id"),
                  rs.getString("name"),
                  rs.getString("requester_region"),
                  rs.getString("accepter_region"),
                  "CROSS_REGION".equals(rs.getString("scope"))));
        });
    return byId;
  }

  /**
   * Runs a query for the connections (and the day, when given) at once: the ids travel as one array
   * parameter ({@code = ANY(:ids)}), however many there are.
   */
  private void query(
      String sql, Collection<String> ids, BillingDay day, RowCallbackHandler rowHandler) {
    jdbc.query(sql, parameters(ids.toArray(String[]::new), day), rowHandler);
  }

  private static MapSqlParameterSource parameters(String[] ids, BillingDay day) {
    MapSqlParameterSource parameters = new MapSqlParameterSource("ids", ids);
    if (day != null) {
      parameters
          .addValue("day_start", day.start().atOffset(ZoneOffset.UTC))
          .addValue("day_end", day.end().atOffset(ZoneOffset.UTC));
    }
    return parameters;
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

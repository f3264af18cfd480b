package io.peerbill.billing.job;

import io.peerbill.billing.BillingDay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * The one aggregate that turns a billing day's 5-minute buckets into one {@link DailyPeak} per
 * active connection (daily-peak.sql). PostgreSQL does the work; readers stream the result through a
 * cursor (auto-commit off, so the driver fetches in batches instead of all at once).
 *
 * <p>The job first stores the result in a per-job-instance staging table ({@link #stage}):
 * PostgreSQL runs {@code CREATE TABLE ... AS} with parallel workers, which it never does for a
 * query fetched through a cursor; the staged rows then stream in connection order, and a restarted
 * run resumes over exactly the rows it started with.
 */
public final class DailyPeakQuery {

  private static final String SQL = resource("daily-peak.sql");

  private DailyPeakQuery() {}

  /** Streams the aggregate straight from the traffic tables (used by dry runs). */
  public static JdbcCursorItemReader<DailyPeak> reader(DataSource dataSource, BillingDay day) {
    ParsedSql parsed = NamedParameterUtils.parseSqlStatement(SQL + " ORDER BY connection_id");
    MapSqlParameterSource parameters = parameters(day);
    return builder(dataSource)
        .sql(NamedParameterUtils.substituteNamedParameters(parsed, parameters))
        .preparedStatementSetter(
            new ArgumentPreparedStatementSetter(
                NamedParameterUtils.buildValueArray(parsed, parameters, null)))
        .build();
  }

  /** The staging table of a job instance. */
  public static String stagingTable(long jobInstanceId) {
    return "daily_peak_stage_" + jobInstanceId;
  }

  /**
   * SQL that creates the staging table with the day's aggregate. The bounds are inlined (they are
   * instants we format ourselves): utility statements take no bind parameters.
   */
  public static String stage(String table, BillingDay day) {
    String sql =
        SQL.replace(":day_start", "'" + day.start() + "'")
            .replace(":day_end", "'" + day.end() + "'");
    // Logged: an unlogged table is emptied by a PostgreSQL crash, and the lines written from it
    // are not; a resumed run would then see a day without connections.
    return "CREATE TABLE " + table + " AS " + sql;
  }

  /** The connections of a staging table: those active during the day, hence on its bill. */
  public static Select<Record1<String>> stagedConnections(String table) {
    return DSL.select(DSL.field(DSL.name(table, "connection_id"), String.class))
        .from(DSL.table(DSL.name(table)));
  }

  public static String drop(String table) {
    return "DROP TABLE IF EXISTS " + table;
  }

  /** Streams a staging table in connection order. */
  public static JdbcCursorItemReader<DailyPeak> stagedReader(DataSource dataSource, String table) {
    return builder(dataSource).sql("SELECT * FROM " + table + " ORDER BY connection_id").build();
  }

  private static MapSqlParameterSource parameters(BillingDay day) {
    return new MapSqlParameterSource()
        .addValue("day_start", day.start().atOffset(ZoneOffset.UTC))
        .addValue("day_end", day.end().atOffset(ZoneOffset.UTC));
  }

  private static JdbcCursorItemReaderBuilder<DailyPeak> builder(DataSource dataSource) {
    return new JdbcCursorItemReaderBuilder<DailyPeak>()
        .name("dailyPeakItemReader")
        .dataSource(dataSource)
        .connectionAutoCommit(false)
        .fetchSize(1000)
        .rowMapper((rs, row) -> map(rs));
  }

  private static DailyPeak map(ResultSet rs) throws SQLException {
    return new DailyPeak(
        rs.getString("connection_id"),
        rs.getBoolean("cross_region"),
        rs.getString("requester_account_id"),
        rs.getString("accepter_account_id"),
        rs.getString("requester_geo_zone"),
        rs.getString("accepter_geo_zone"),
        rs.getObject("peak_bytes", Long.class),
        rs.getInt("buckets_with_data"),
        rs.getInt("buckets_active"),
        rs.getObject("cap_mbps", Integer.class));
  }

  private static String resource(String name) {
    try (InputStream in = DailyPeakQuery.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

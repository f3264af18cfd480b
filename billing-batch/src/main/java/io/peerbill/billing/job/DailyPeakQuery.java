package io.peerbill.billing.job;

import io.peerbill.billing.BillingDay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * The one aggregate that turns a billing day's 5-minute buckets into one {@link DailyPeak} per
 * active connection (daily-peak.sql). PostgreSQL does the work; the reader streams the result
 * through a cursor (auto-commit off, so the driver fetches in batches instead of all at once).
 */
public final class DailyPeakQuery {

  private static final String SQL = resource("daily-peak.sql");

  private DailyPeakQuery() {}

  public static JdbcCursorItemReader<DailyPeak> reader(DataSource dataSource, BillingDay day) {
    ParsedSql parsed = NamedParameterUtils.parseSqlStatement(SQL);
    MapSqlParameterSource parameters =
        new MapSqlParameterSource()
            .addValue("day_start", day.start().atOffset(ZoneOffset.UTC))
            .addValue("day_end", day.end().atOffset(ZoneOffset.UTC));
    return new JdbcCursorItemReaderBuilder<DailyPeak>()
        .name("dailyPeakItemReader")
        .dataSource(dataSource)
        .sql(NamedParameterUtils.substituteNamedParameters(parsed, parameters))
        .preparedStatementSetter(
            new ArgumentPreparedStatementSetter(
                NamedParameterUtils.buildValueArray(parsed, parameters, null)))
        .connectionAutoCommit(false)
        .fetchSize(1000)
        .rowMapper(
            (rs, row) ->
                new DailyPeak(
                    rs.getString("connection_id"),
                    rs.getBoolean("cross_region"),
                    rs.getString("requester_account_id"),
                    rs.getString("accepter_account_id"),
                    rs.getString("requester_geo_zone"),
                    rs.getString("accepter_geo_zone"),
                    rs.getObject("peak_bytes", Long.class),
                    rs.getInt("buckets_with_data"),
                    rs.getInt("buckets_active"),
                    rs.getObject("cap_mbps", Integer.class)))
        .build();
  }

  private static String resource(String name) {
    try (InputStream in = DailyPeakQuery.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.peerbill.billing.month;

import io.peerbill.billing.BillingMonth;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one aggregate that turns a month's 5-minute buckets into one {@link MonthlyPercentile} per
 * MONTHLY_95TH connection active in it (monthly-95th.sql); PostgreSQL sorts and picks, one row per
 * connection comes back.
 */
@Component
public class MonthlyPercentileQuery {

  /** The month's points (CTEs monthly, active, points), the head of every query over them. */
  public static final String POINTS = resource("month-points.sql");

  private static final String SQL = POINTS + resource("monthly-95th.sql");

  private final NamedParameterJdbcTemplate jdbc;

  public MonthlyPercentileQuery(DataSource dataSource) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
  }

  /** The month's rows in connection order. */
  public List<MonthlyPercentile> of(BillingMonth month) {
    return jdbc.query(SQL, parameters(month), (rs, row) -> map(rs));
  }

  /** The bounds and zone of a month, as {@link #POINTS} and the queries after it name them. */
  public static MapSqlParameterSource parameters(BillingMonth month) {
    return new MapSqlParameterSource()
        .addValue("month_start", month.start().atOffset(ZoneOffset.UTC))
        .addValue("month_end", month.end().atOffset(ZoneOffset.UTC))
        .addValue("zone", month.zone().getId());
  }

  private static MonthlyPercentile map(ResultSet rs) throws SQLException {
    Timestamp at = rs.getTimestamp("p95_at");
    return new MonthlyPercentile(
        rs.getString("connection_id"),
        rs.getBoolean("cross_region"),
        rs.getString("requester_account_id"),
        rs.getString("accepter_account_id"),
        rs.getString("requester_geo_zone"),
        rs.getString("accepter_geo_zone"),
        rs.getInt("points"),
        rs.getObject("p95_bytes", Long.class),
        at == null ? null : at.toInstant(),
        rs.getInt("active_days"),
        rs.getObject("cap_mbps", Integer.class));
  }

  static String resource(String name) {
    try (InputStream in = MonthlyPercentileQuery.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.peerbill.metering.validate;

import io.peerbill.metering.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection catalog of one operator instance, reloaded from PostgreSQL once it is older than
 * the refresh period, so connections created, deleted or re-capped while the job runs are seen
 * within that period.
 *
 * <p>Why not broadcast state: every instance checks the age of its catalog before judging a sample,
 * so no sample is ever judged against "no catalog yet" (a broadcast stream gives no such ordering
 * against the sample stream), and a bounded file run still ends by itself (a periodic metadata
 * source never would). The first load must succeed; a later failed reload keeps the previous
 * catalog and tries again at the next period.
 */
public final class RefreshingCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshingCatalog.class);

  private final JdbcTarget database;
  private final long refreshMillis;
  private ConnectionCatalog current;
  private long nextAttempt;

  public RefreshingCatalog(JdbcTarget database, long refreshMillis) {
    this.database = database;
    this.refreshMillis = refreshMillis;
  }

  public ConnectionCatalog at(long nowMillis) {
    if (current == null || nowMillis >= nextAttempt) {
      nextAttempt = nowMillis + refreshMillis;
      try {
        current = load(nowMillis);
      } catch (SQLException | RuntimeException e) {
        if (current == null) {
          throw new IllegalStateException(
              "cannot load peering connections from " + database.describe() + ": " + e, e);
        }
        LOG.warn("keeping the connection catalog of {}: reload failed: {}", current.loadedAt(), e);
      }
    }
    return current;
  }

  private ConnectionCatalog load(long nowMillis) throws SQLException {
    try (Connection c = database.connect()) {
      return ConnectionCatalogLoader.load(DSL.using(c, SQLDialect.POSTGRES), nowMillis);
    }
  }
}

package io.peerbill.metering.validate;

import io.peerbill.metering.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection catalog of one operator instance, reloaded from PostgreSQL once it is older than
 * the refresh period, so connections created, deleted or re-capped while the job runs are seen
 * within that period (plus the time one reload takes).
 *
 * <p>The first load happens before the first sample is judged and must succeed. Later reloads run
 * on a background thread and replace the catalog when done, so the task thread never waits for
 * them; a failed reload keeps the previous catalog and is tried again at the next period.
 *
 * <p>Why not broadcast state: every instance has a catalog before it judges its first sample (a
 * broadcast stream gives no such ordering against the sample stream), and a bounded file run still
 * ends by itself (a periodic metadata source never would).
 */
public final class RefreshingCatalog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshingCatalog.class);

  private final JdbcTarget database;
  private final long refreshMillis;
  private final AtomicBoolean reloading = new AtomicBoolean();
  private volatile ConnectionCatalog current;
  private long nextReload;
  private ExecutorService reloader;

  public RefreshingCatalog(JdbcTarget database, long refreshMillis) {
    this.database = database;
    this.refreshMillis = refreshMillis;
  }

  public ConnectionCatalog at(long nowMillis) {
    if (current == null) {
      try {
        current = load(nowMillis);
      } catch (SQLException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot load peering connections from " + database.describe() + ": " + e, e);
      }
      nextReload = nowMillis + refreshMillis;
    } else if (nowMillis >= nextReload && reloading.compareAndSet(false, true)) {
      nextReload = nowMillis + refreshMillis;
      reloader().execute(() -> reload(nowMillis));
    }
    return current;
  }

  private void reload(long nowMillis) {
    try {
      current = load(nowMillis);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("keeping the connection catalog of {}: reload failed: {}", current.loadedAt(), e);
    } finally {
      reloading.set(false);
    }
  }

  private ExecutorService reloader() {
    if (reloader == null) {
      reloader =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "connection-catalog-reload");
                t.setDaemon(true);
                return t;
              });
    }
    return reloader;
  }

  private ConnectionCatalog load(long nowMillis) throws SQLException {
    try (Connection c = database.connect()) {
      return ConnectionCatalogLoader.load(DSL.using(c, SQLDialect.POSTGRES), nowMillis);
    }
  }

  @Override
  public void close() {
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }
}

package io.peerbill.metering.validate;

import io.peerbill.metering.DaemonThreads;
import io.peerbill.metering.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection catalog of one job in one JVM (a TaskManager, or the MiniCluster), shared by every
 * operator instance there that needs it, and reloaded from PostgreSQL once it is older than the
 * refresh period, so connections created, deleted or re-capped while the job runs are seen within
 * that period (plus the time one reload takes). Shared because a catalog of 100,000 connections is
 * tens of megabytes and seconds of loading: once per JVM, not once per operator and subtask.
 *
 * <p>The first load happens before the first sample is judged and must succeed. Later reloads run
 * on a background thread and replace the catalog when done, so task threads never wait for them; a
 * failed reload keeps the previous catalog and is tried again at the next period.
 *
 * <p>Why not broadcast state: every instance has a catalog before it judges its first sample (a
 * broadcast stream gives no such ordering against the sample stream), and a bounded file run still
 * ends by itself (a periodic metadata source never would).
 */
public final class RefreshingCatalog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshingCatalog.class);

  private record Key(JdbcTarget database, long refreshMillis) {}

  private static final Map<Key, RefreshingCatalog> OPEN = new HashMap<>();

  private final Key key;
  private final AtomicBoolean reloading = new AtomicBoolean();
  private final ExecutorService reloader;
  private int users;
  private volatile ConnectionCatalog current;
  private volatile long nextReload;

  private RefreshingCatalog(Key key) {
    this.key = key;
    this.reloader = DaemonThreads.single("connection-catalog-reload");
  }

  /** The catalog of {@code database} in this JVM; {@link #close} when done with it. */
  public static RefreshingCatalog open(JdbcTarget database, long refreshMillis) {
    synchronized (OPEN) {
      RefreshingCatalog catalog =
          OPEN.computeIfAbsent(new Key(database, refreshMillis), RefreshingCatalog::new);
      catalog.users++;
      return catalog;
    }
  }

  public ConnectionCatalog at(long nowMillis) {
    ConnectionCatalog catalog = current;
    if (catalog == null) {
      return firstLoad(nowMillis);
    }
    if (nowMillis >= nextReload && reloading.compareAndSet(false, true)) {
      nextReload = nowMillis + key.refreshMillis();
      reloader.execute(() -> reload(nowMillis));
    }
    return catalog;
  }

  private synchronized ConnectionCatalog firstLoad(long nowMillis) {
    if (current == null) {
      try {
        current = load(nowMillis);
      } catch (SQLException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot load peering connections from " + key.database().describe() + ": " + e, e);
      }
      nextReload = nowMillis + key.refreshMillis();
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

  private ConnectionCatalog load(long nowMillis) throws SQLException {
    try (Connection c = key.database().connect()) {
      return ConnectionCatalogLoader.load(DSL.using(c, SQLDialect.POSTGRES), nowMillis);
    }
  }

  /** Releases this user's share; the last one stops the reloads and forgets the catalog. */
  @Override
  public void close() {
    synchronized (OPEN) {
      if (--users == 0) {
        OPEN.remove(key, this);
        reloader.shutdownNow();
      }
    }
  }
}

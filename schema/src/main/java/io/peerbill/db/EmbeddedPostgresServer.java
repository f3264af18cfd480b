package io.peerbill.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL used when no database is configured: a real server whose data folder
 * lives under the peerbill home and is reused by the next run, so demo data persists.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  /** Named after the major version so a binaries upgrade never opens an incompatible folder. */
  static final String DATA_FOLDER = "pgdata-17";

  static final String DATABASE = "peerbill";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel channel, FileLock lock) {
    this.postgres = postgres;
    this.lockChannel = channel;
    this.lock = lock;
  }

  static EmbeddedPostgresServer start(Path home) {
    Path data = home.resolve(DATA_FOLDER);
    FileChannel channel = null;
    try {
      Files.createDirectories(home);
      channel =
          FileChannel.open(
              home.resolve(DATA_FOLDER + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new DatabaseUnavailableException(
            "the embedded PostgreSQL in "
                + data
                + " is in use by another peerbill process; wait for it to finish or set "
                + DatabaseConfig.ENV_URL);
      }
      stopOrphanedServer(data);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      createDatabaseIfMissing(postgres);
      return new EmbeddedPostgresServer(postgres, channel, lock);
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof DatabaseUnavailableException d) {
        throw d;
      }
      throw new DatabaseUnavailableException(
          "cannot start the embedded PostgreSQL in " + data + ": " + oneLine(e), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldByThisJvm) {
      return null;
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl(USER, DATABASE);
  }

  int port() {
    return postgres.getPort();
  }

  /**
   * A server left running by a peerbill process that was killed holds postmaster.pid; we hold the
   * folder's lock, so no live peerbill process owns it and it is safe to stop.
   */
  private static void stopOrphanedServer(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (orphan.isPresent()
        && orphan.get().info().commandLine().map(c -> c.contains(data.toString())).orElse(false)) {
      orphan.get().destroy();
      orphan.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }
    Files.deleteIfExists(pidFile);
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing releases the lock; nothing more to do if it fails.
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      lock.release();
      lockChannel.close();
    }
  }
}

package io.peerbill.cli.demo;

import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** {@code --fresh}: only the embedded database is ours to wipe; a configured one never is. */
final class DemoReset {

  private DemoReset() {}

  static void wipe(DatabaseConfig config, PrintWriter out) throws IOException {
    if (!config.isEmbedded()) {
      throw new IllegalArgumentException(
          "--fresh wipes only the embedded database; unset PEERBILL_DB_URL or drop the demo's"
              + " rows yourself");
    }
    // Opening it first proves no other peerbill process is using the folder we are about to delete.
    Database.open(config).close();
    for (String folder : new String[] {"pgdata-17", "demo", "statements"}) {
      Path path = config.home().resolve(folder);
      if (Files.exists(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
        out.println("removed " + path);
      }
    }
  }
}

package io.peerbill.cli;

import io.peerbill.db.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "The database peerbill uses.",
    subcommands = {DbCommand.Status.class})
final class DbCommand {

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Print which database is in use (embedded, or the URL without password) and the schema"
              + " version; applies pending migrations first.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open()) {
        out.println("database:       " + db.describe());
        out.println("server:         PostgreSQL " + db.serverVersion());
        out.println("schema version: " + db.schemaVersion());
      }
      return 0;
    }
  }
}

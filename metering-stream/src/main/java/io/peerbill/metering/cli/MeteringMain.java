package io.peerbill.metering.cli;

import picocli.CommandLine;

/**
 * Main of the shaded jar for {@code flink run}: the {@code stream} command on the cluster's
 * environment. The database must be configured (PEERBILL_DB_URL etc.): the cluster's task managers
 * write to it.
 */
public final class MeteringMain {

  private MeteringMain() {}

  public static void main(String[] args) {
    int exit = new CommandLine(new StreamCommand()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}

package io.peerbill.peering.cli;

import io.peerbill.peering.Peering;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every peering command shares: the acting account ({@code --as}, or {@code
 * PEERBILL_ACCOUNT}), {@code --json}, and a session opened for the run and closed after.
 */
abstract class CommandBase implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--as",
      paramLabel = "ACCOUNT",
      defaultValue = "${env:PEERBILL_ACCOUNT}",
      description = "Acting account (default: $PEERBILL_ACCOUNT).")
  String actor;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  Session.Opener opener = Session::openDefault;

  @Override
  public final Integer call() {
    try (Session session = opener.open()) {
      run(session.peering(), new Output(spec.commandLine().getOut(), json));
    }
    return 0;
  }

  abstract void run(Peering peering, Output out);
}

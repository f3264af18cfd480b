package io.peerbill.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every failure reaches the user as one line on stderr and a non-zero exit: 2 for a bad command
 * line, 1 for a command that failed. {@code PEERBILL_DEBUG=1} adds the stack trace.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

  static final int USAGE = 2;
  static final int FAILED = 1;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    String message = oneLine(e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched
        && !cli.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    err.println(
        "peerbill: "
            + oneLine(message)
            + " (see '"
            + cli.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    err.println("peerbill: " + describe(e));
    if ("1".equals(System.getenv("PEERBILL_DEBUG"))) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    // Wrappers (reflection, executors) carry no message of their own worth showing.
    while (t.getCause() != null
        && (t.getMessage() == null
            || t instanceof RuntimeException && t.getClass() == RuntimeException.class)) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return oneLine(message);
  }

  /**
   * One line a terminal shows as it is: line breaks become a space, other control characters (a NUL
   * typed into an argument) a '?', and a converter's Java exception is not named.
   */
  private static String oneLine(String message) {
    return message
        .replaceAll("\\s*\\R\\s*", " ")
        .replaceAll("\\p{Cntrl}", "?")
        .replaceAll("class (?:[a-z_]+\\.)+([A-Z]\\w*)", "$1")
        .replaceAll("\\((?:[a-z_]+\\.)+[A-Z]\\w*(?:Exception|Error): ", "(")
        .trim();
  }
}

package io.peerbill.cli;

/**
 * Silences one known, harmless error at JVM exit. A local (MiniCluster) job's cluster closes
 * asynchronously after the job has returned; when the command then exits at once, Pekko's JVM
 * shutdown hook can run after Flink has closed the class loader of its RPC system, and dies with a
 * {@code NoClassDefFoundError} while shutting down an actor system that has no work left. Every
 * other uncaught error is printed as before.
 */
final class QuietFlinkShutdown implements Thread.UncaughtExceptionHandler {

  private static final String HOOK_THREAD = "flink-shutdown-hook";

  private final Thread.UncaughtExceptionHandler previous;

  private QuietFlinkShutdown(Thread.UncaughtExceptionHandler previous) {
    this.previous = previous;
  }

  static void install() {
    Thread.setDefaultUncaughtExceptionHandler(
        new QuietFlinkShutdown(Thread.getDefaultUncaughtExceptionHandler()));
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    if (thread.getName().startsWith(HOOK_THREAD) && error instanceof NoClassDefFoundError) {
      return;
    }
    if (previous != null) {
      previous.uncaughtException(thread, error);
    } else {
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      error.printStackTrace(System.err);
    }
  }
}

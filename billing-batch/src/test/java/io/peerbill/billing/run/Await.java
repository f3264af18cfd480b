package io.peerbill.billing.run;

/**
 * Waits for a state another process reaches (never for an amount of time: the deadline only stops a
 * test whose process went astray).
 */
final class Await {

  private static final long DEADLINE_MILLIS = 180_000;

  interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {}

  static void until(String what, Condition condition, BillProcess process) throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!condition.holds()) {
      if (process != null && !process.isAlive()) {
        throw new AssertionError("the process ended before " + what + ":\n" + process.output());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            "still not " + what + (process == null ? "" : ":\n" + process.output()));
      }
      Thread.sleep(20);
    }
  }
}

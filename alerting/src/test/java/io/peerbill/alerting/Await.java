package io.peerbill.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a condition (checked every 20 ms), failing after a generous deadline. */
public final class Await {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private Await() {}

  public static void until(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within " + DEADLINE);
      }
      Thread.sleep(20);
    }
  }
}

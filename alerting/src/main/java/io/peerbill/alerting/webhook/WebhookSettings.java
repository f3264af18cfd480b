package io.peerbill.alerting.webhook;

import io.peerbill.alerting.WebhookTargetGuard;
import java.io.Serializable;
import java.time.Duration;

/**
 * How webhooks are sent (D11; the vendor's callbacks: 5 s timeout, 3 retries).
 *
 * @param timeout per attempt, connect and response together
 * @param retries attempts after the first; an event fails for good after {@code 1 + retries}
 * @param firstBackoff wait before the first retry; doubled before each further one
 * @param maxBackoff the longest wait between attempts
 * @param batchSize deliveries claimed and sent concurrently per poll
 * @param pollInterval how often the sender looks for due deliveries when idle
 * @param targets where webhooks may go, checked again before each attempt
 */
public record WebhookSettings(
    Duration timeout,
    int retries,
    Duration firstBackoff,
    Duration maxBackoff,
    int batchSize,
    Duration pollInterval,
    WebhookTargetGuard targets)
    implements Serializable {

  /** With the configured allow-list ({@link WebhookTargetGuard#fromEnvironment()}). */
  public WebhookSettings(
      Duration timeout,
      int retries,
      Duration firstBackoff,
      Duration maxBackoff,
      int batchSize,
      Duration pollInterval) {
    this(
        timeout,
        retries,
        firstBackoff,
        maxBackoff,
        batchSize,
        pollInterval,
        WebhookTargetGuard.fromEnvironment());
  }

  public static WebhookSettings defaults() {
    return new WebhookSettings(
        Duration.ofSeconds(5),
        3,
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        32,
        Duration.ofSeconds(1));
  }

  public WebhookSettings withTargets(WebhookTargetGuard guard) {
    return new WebhookSettings(
        timeout, retries, firstBackoff, maxBackoff, batchSize, pollInterval, guard);
  }

  public int maxAttempts() {
    return 1 + retries;
  }

  /** Wait after failed attempt number {@code attempt} (1-based) before the next one. */
  public Duration backoffAfter(int attempt) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /**
   * How long a claimed delivery is reserved for the sender that claimed it: long enough for the
   * attempt to finish, so two senders never send one event at once.
   */
  public Duration lease() {
    return timeout.multipliedBy(2).plusSeconds(5);
  }
}

package io.peerbill.alerting.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a receiver relies on (D11): {@code verify} accepts exactly the request peerbill signed, now;
 * an altered body, an old (replayed) timestamp or another secret is refused.
 */
class WebhookSignatureTest {

  private static final String SECRET = "s3cret-s3cret-s3cret";
  private static final String BODY = "{\"event_id\":\"e1\",\"state\":\"FIRING\",\"value\":95.0}";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

  private static boolean verify(String secret, long timestamp, String body, String signature) {
    return WebhookSignature.verify(
        secret, Long.toString(timestamp), body, signature, NOW, TOLERANCE);
  }

  private static String signedAt(long timestamp) {
    return WebhookSignature.sign(SECRET, timestamp, BODY);
  }

  @Test
  void theRequestAsSignedIsAccepted_D11() {
    long now = NOW.getEpochSecond();
    assertThat(verify(SECRET, now, BODY, signedAt(now))).isTrue();
    // Clocks differ a little: within the tolerance either way.
    assertThat(verify(SECRET, now - 299, BODY, signedAt(now - 299))).isTrue();
    assertThat(verify(SECRET, now + 299, BODY, signedAt(now + 299))).isTrue();
  }

  @Test
  void aTamperedBodyIsRefused_D11() {
    long now = NOW.getEpochSecond();
    String altered = BODY.replace("95.0", "5.0");
    assertThat(verify(SECRET, now, altered, signedAt(now))).isFalse();
  }

  @Test
  void aStaleOrFarFutureTimestampIsRefusedThoughItsSignatureIsRight_D11() {
    long stale = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond();
    long future = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).getEpochSecond();
    assertThat(verify(SECRET, stale, BODY, signedAt(stale))).isFalse();
    assertThat(verify(SECRET, future, BODY, signedAt(future))).isFalse();
  }

  @Test
  void anotherSecretIsRefused_D11() {
    long now = NOW.getEpochSecond();
    String forged = WebhookSignature.sign("another-secret-of-16", now, BODY);
    assertThat(verify(SECRET, now, BODY, forged)).isFalse();
  }

  @Test
  void aMissingOrMalformedTimestampIsRefused_D11() {
    long now = NOW.getEpochSecond();
    assertThat(WebhookSignature.verify(SECRET, null, BODY, signedAt(now), NOW, TOLERANCE))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, "soon", BODY, signedAt(now), NOW, TOLERANCE))
        .isFalse();
  }
}

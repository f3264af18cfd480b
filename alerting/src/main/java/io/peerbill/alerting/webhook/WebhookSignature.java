package io.peerbill.alerting.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: HMAC-SHA256 with the policy's secret over {@code timestamp +
 * "." + body}, hex encoded, sent as {@code X-Peerbill-Signature: v1=<hex>} beside {@code
 * X-Peerbill-Timestamp: <epoch seconds>}. A receiver recomputes it and rejects old timestamps, so a
 * captured request can neither be altered nor replayed later.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Peerbill-Signature";
  public static final String TIMESTAMP_HEADER = "X-Peerbill-Timestamp";
  public static final String EVENT_ID_HEADER = "X-Peerbill-Event-Id";
  private static final String VERSION = "v1=";

  private WebhookSignature() {}

  public static String sign(String secret, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return VERSION + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** How far a receiver lets a request's timestamp be from its own clock, either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** What a receiver does, now and with {@link #DEFAULT_TOLERANCE}. */
  public static boolean verify(String secret, String timestamp, String body, String signature) {
    return verify(secret, timestamp, body, signature, Instant.now(), DEFAULT_TOLERANCE);
  }

  /**
   * Whether a request is genuine: its timestamp within {@code tolerance} of {@code now} (a captured
   * request cannot be replayed later) and its signature, compared in constant time, the one {@code
   * secret} gives over that timestamp and this body (nothing was altered).
   */
  public static boolean verify(
      String secret,
      String timestamp,
      String body,
      String signature,
      Instant now,
      Duration tolerance) {
    if (timestamp == null || signature == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = sign(secret, seconds, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }
}

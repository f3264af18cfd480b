package io.peerbill.api.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of a key: {@code pbk_<12 lowercase alphanumerics>.<43 base64url characters>}. The part
 * before the dot is the key's id (stored, used to look it up); the part after it is 256 random
 * bits, of which only the SHA-256 is stored. A slow password hash would add nothing for a secret of
 * that entropy and would cost every request milliseconds.
 */
public record KeyToken(String id, String secret) {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern FORMAT = Pattern.compile("pbk_[a-z0-9]{12}\\.[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  static KeyToken generate() {
    StringBuilder id = new StringBuilder("pbk_");
    for (int i = 0; i < 12; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new KeyToken(
        id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The token as presented, or empty when it cannot be a key. */
  public static Optional<KeyToken> parse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    int dot = text.indexOf('.');
    return Optional.of(new KeyToken(text.substring(0, dot), text.substring(dot + 1)));
  }

  byte[] secretSha256() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Constant-time comparison with a stored hash (time does not tell how many bytes matched). */
  boolean matches(byte[] storedSha256) {
    return MessageDigest.isEqual(secretSha256(), storedSha256);
  }

  @Override
  public String toString() {
    return id + ".<secret>";
  }

  String text() {
    return id + "." + secret;
  }
}

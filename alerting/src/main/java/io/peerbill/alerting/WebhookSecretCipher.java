package io.peerbill.alerting;

import io.peerbill.db.DatabaseConfig;
import io.peerbill.db.PeerbillHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest: AES-256-GCM with a random 96-bit nonce per secret, stored as {@code
 * v1:<base64(nonce || ciphertext || tag)>}. The key is 32 bytes, base64, from {@value #ENV_KEY} (or
 * {@code webhook.key} in the config file); without one an embedded setup keeps a generated key in
 * {@code $PEERBILL_HOME/webhook.key}, and a configured database refuses, since every process that
 * stores or sends secrets (stream, API, CLI) must share the key.
 */
public final class WebhookSecretCipher {

  public static final String ENV_KEY = "PEERBILL_WEBHOOK_KEY";
  static final String KEY_FILE = "webhook.key";
  private static final String PREFIX = "v1:";

  /** A SQL LIKE pattern matching the stored values this cipher sealed. */
  public static final String SEALED_LIKE = PREFIX + "%";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<SecretKeySpec> key;
  private SecretKeySpec loaded;

  private WebhookSecretCipher(Supplier<SecretKeySpec> key) {
    this.key = key;
  }

  /** A cipher with this key (32 bytes). */
  public static WebhookSecretCipher of(byte[] key) {
    SecretKeySpec spec = spec(key);
    return new WebhookSecretCipher(() -> spec);
  }

  /** The configured key, read (or, embedded, generated) when first needed. */
  public static WebhookSecretCipher fromEnvironment() {
    return new WebhookSecretCipher(WebhookSecretCipher::configuredKey);
  }

  public String seal(String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, secret.getBytes(StandardCharsets.UTF_8));
    return PREFIX
        + Base64.getEncoder()
            .encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  /**
   * The secret of a stored value. A value without the prefix was stored before secrets were
   * encrypted and is returned as it is (the delivery worker seals such values when it starts, see
   * {@link AlertPolicyRepository#sealPlaintextSecrets}).
   *
   * @throws IllegalStateException when the value was sealed with another key
   */
  public String open(String stored) {
    if (!stored.startsWith(PREFIX)) {
      return stored;
    }
    byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
    return new String(run(Cipher.DECRYPT_MODE, nonce, sealed), StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalStateException(
          "a webhook secret was stored with another key than " + ENV_KEY + " names");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
    }
  }

  private synchronized SecretKeySpec key() {
    if (loaded == null) {
      loaded = key.get();
    }
    return loaded;
  }

  private static SecretKeySpec spec(byte[] key) {
    if (key.length != 32) {
      throw new IllegalStateException(
          ENV_KEY + " must be 32 bytes, base64 encoded (e.g. openssl rand -base64 32)");
    }
    return new SecretKeySpec(key, "AES");
  }

  private static SecretKeySpec configuredKey() {
    var configured = DatabaseConfig.setting(ENV_KEY, "webhook.key");
    if (configured.isPresent()) {
      return spec(decode(configured.get()));
    }
    DatabaseConfig database = DatabaseConfig.fromEnvironment();
    if (!database.isEmbedded()) {
      throw new IllegalStateException(
          "set "
              + ENV_KEY
              + " (32 bytes, base64): webhook secrets are encrypted with it, and every process"
              + " using "
              + database.describe()
              + " needs the same key");
    }
    return spec(decode(embeddedKey(PeerbillHome.check(database.home().resolve(KEY_FILE)))));
  }

  /** The embedded setup's key file, created (owner-only) on first use. */
  static String embeddedKey(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Files.createDirectories(file.getParent());
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: use theirs.
        }
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the webhook key " + file, e);
    }
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(ENV_KEY + " is not base64: " + e.getMessage());
    }
  }
}

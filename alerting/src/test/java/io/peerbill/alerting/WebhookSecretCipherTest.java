package io.peerbill.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook secrets at rest (issue #14): sealed with AES-GCM, never stored as written. */
class WebhookSecretCipherTest {

  private static final String SECRET = "s3cret-s3cret-s3cret";

  @TempDir Path home;

  @Test
  void aSealedSecretOpensToItselfAndIsNeverThePlaintext() {
    WebhookSecretCipher cipher = WebhookSecretCipher.of(new byte[32]);
    String once = cipher.seal(SECRET);
    String twice = cipher.seal(SECRET);
    assertThat(once).startsWith("v1:").doesNotContain(SECRET).isNotEqualTo(twice);
    assertThat(cipher.open(once)).isEqualTo(SECRET);
    assertThat(cipher.open(twice)).isEqualTo(SECRET);
  }

  @Test
  void theEmbeddedKeyIsGeneratedOnceOwnerOnlyAndKept() throws Exception {
    Path file = home.resolve(WebhookSecretCipher.KEY_FILE);
    String first = WebhookSecretCipher.embeddedKey(file);
    assertThat(Base64.getDecoder().decode(first)).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(WebhookSecretCipher.embeddedKey(file)).isEqualTo(first);
  }
}

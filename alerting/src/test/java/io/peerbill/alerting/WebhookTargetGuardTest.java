package io.peerbill.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A webhook may not reach inside (issue #14): every loopback, link-local, metadata, private or
 * unique-local target is refused with {@value WebhookTargetGuard#FORBIDDEN}, judged by the
 * addresses the host resolves to, unless the allow-list names the host.
 */
class WebhookTargetGuardTest {

  private static final WebhookTargetGuard NONE_ALLOWED = WebhookTargetGuard.allowing(List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "[::1]",
        "localhost",
        "169.254.169.254",
        "169.254.10.1",
        "[fe80::1]",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.10",
        "100.64.0.1",
        "[fd00:ec2::254]",
        "0.0.0.0",
        "[::]",
        "[::ffff:127.0.0.1]",
        "224.0.0.1"
      })
  void anInternalTargetIsRefusedWithItsCode(String host) {
    URI url = URI.create("http://" + host + ":8080/hook");
    assertThatThrownBy(() -> NONE_ALLOWED.check(url))
        .isInstanceOfSatisfying(
            InvalidAlertPolicyException.class,
            e -> {
              assertThat(e.code()).isEqualTo(WebhookTargetGuard.FORBIDDEN);
              assertThat(e.getMessage())
                  .startsWith("webhook URL host '")
                  .contains(WebhookTargetGuard.ENV_ALLOWED);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "[::1]", "169.254.169.254", "10.0.0.1", "localhost"})
  void theSameTargetPassesWhenTheAllowListNamesIt(String host) {
    URI url = URI.create("https://" + host + "/hook");
    assertThatCode(() -> NONE_ALLOWED.alsoAllowing(host).check(url)).doesNotThrowAnyException();
    // The list names hosts, not networks: another loopback address stays refused.
    assertThatThrownBy(() -> NONE_ALLOWED.alsoAllowing(host).check(URI.create("http://127.0.0.2/")))
        .isInstanceOf(InvalidAlertPolicyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "[2606:4700:4700::1111]", "8.8.8.8"})
  void aPublicAddressPasses(String host) {
    assertThatCode(() -> NONE_ALLOWED.check(URI.create("https://" + host + "/hook")))
        .doesNotThrowAnyException();
  }
}

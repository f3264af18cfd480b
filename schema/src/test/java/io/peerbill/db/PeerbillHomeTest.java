package io.peerbill.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build keeps every test away from the user's own peerbill home. */
class PeerbillHomeTest {

  private static final Path USERS_DEFAULT = Path.of(System.getProperty("user.home"), ".peerbill");

  @Test
  void testJvmsRunWithAThrowawayHomeUnderTarget() {
    assertThat(Boolean.getBoolean(PeerbillHome.TEST_PROPERTY)).isTrue();
    assertThat(Path.of(System.getenv(PeerbillHome.ENV)))
        .endsWithRaw(Path.of("target", "peerbill-test-home"));
    assertThat(DatabaseConfig.fromEnvironment().home())
        .isEqualTo(Path.of(System.getenv(PeerbillHome.ENV)).toAbsolutePath());
  }

  @Test
  void aTestThatWouldUseTheUsersDefaultHomeFails() {
    assertThatThrownBy(() -> DatabaseConfig.from(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a test must not use the user's peerbill home " + USERS_DEFAULT);
    assertThatThrownBy(() -> DatabaseConfig.embedded(USERS_DEFAULT.resolve("statements")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PeerbillHome.check(USERS_DEFAULT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTestThatWouldUseTheUsersOwnPeerbillHomeFails(@TempDir Path usersOwn) {
    String before = System.getProperty(PeerbillHome.USER_HOME_PROPERTY);
    System.setProperty(PeerbillHome.USER_HOME_PROPERTY, usersOwn.toString());
    try {
      assertThatThrownBy(
              () -> DatabaseConfig.from(Map.of(PeerbillHome.ENV, usersOwn.resolve("x").toString())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a test must not use the user's peerbill home " + usersOwn);
    } finally {
      if (before == null) {
        System.clearProperty(PeerbillHome.USER_HOME_PROPERTY);
      } else {
        System.setProperty(PeerbillHome.USER_HOME_PROPERTY, before);
      }
    }
  }

  @Test
  void aThrowawayHomeIsAccepted(@TempDir Path home) {
    assertThat(DatabaseConfig.embedded(home).home()).isEqualTo(home.toAbsolutePath());
  }
}

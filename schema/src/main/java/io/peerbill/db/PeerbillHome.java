package io.peerbill.db;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The peerbill home ({@code PEERBILL_HOME}, default {@code ~/.peerbill}): the embedded database,
 * the config file and the statements live there.
 *
 * <p>A test JVM (the build sets {@value #TEST_PROPERTY}) refuses the user's own homes: a test that
 * resolved one would replace the user's statements or bill rows in the user's database, and nothing
 * else in a passing build would show it.
 */
public final class PeerbillHome {

  public static final String ENV = "PEERBILL_HOME";

  /** Set to {@code true} by the build for every test JVM (surefire and failsafe). */
  public static final String TEST_PROPERTY = "peerbill.test";

  /**
   * The user's own {@code PEERBILL_HOME} as the build saw it before pointing tests at a throwaway
   * one (blank when the user has none); refused in a test JVM as well.
   */
  public static final String USER_HOME_PROPERTY = "peerbill.test.user-home";

  private PeerbillHome() {}

  /**
   * {@code PEERBILL_HOME} from {@code env}, else {@code ~/.peerbill}; checked as {@link #check}.
   */
  public static Path of(Map<String, String> env) {
    String home = env.get(ENV);
    return check(home != null && !home.isBlank() ? Path.of(home) : userDefault());
  }

  /**
   * Returns {@code path} unless this is a test JVM and {@code path} is in one of the user's homes.
   *
   * @throws IllegalStateException in a test JVM, for a path inside the user's home
   */
  public static Path check(Path path) {
    if (!Boolean.getBoolean(TEST_PROPERTY)) {
      return path;
    }
    Path absolute = path.toAbsolutePath().normalize();
    for (Path forbidden : usersHomes()) {
      if (absolute.startsWith(forbidden)) {
        throw new IllegalStateException(
            "a test must not use the user's peerbill home "
                + forbidden
                + " (it would use "
                + absolute
                + "); the build points "
                + ENV
                + " at target/peerbill-test-home, pass a throwaway folder instead");
      }
    }
    return path;
  }

  private static Path userDefault() {
    return Path.of(System.getProperty("user.home"), ".peerbill");
  }

  private static List<Path> usersHomes() {
    List<Path> homes = new ArrayList<>();
    homes.add(userDefault().toAbsolutePath().normalize());
    String own = System.getProperty(USER_HOME_PROPERTY, "");
    if (!own.isBlank()) {
      homes.add(Path.of(own).toAbsolutePath().normalize());
    }
    return homes;
  }
}

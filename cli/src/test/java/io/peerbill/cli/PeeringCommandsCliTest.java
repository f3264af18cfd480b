package io.peerbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.peering.WorldBuilder;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The peering commands through the real launcher entry point, in a JVM of their own. */
@ExtendWith(PostgresExtension.class)
class PeeringCommandsCliTest {

  @Test
  void actingAccountComesFromTheEnvironmentAndRefusalsAreOneLine(
      TestDatabase db, @TempDir Path home) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PEERBILL_HOME", home.toString());
    env.put("PEERBILL_DB_URL", db.jdbcUrl());
    env.put("PEERBILL_DB_USER", db.user());
    new WorldBuilder(db.dsl(), Clock.systemUTC()).account("100001", "Acme");
    env.put("PEERBILL_ACCOUNT", "100001");

    PeerbillCliTest.Result show = PeerbillCliTest.peerbill(env, "account", "show");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).startsWith("account: 100001");

    PeerbillCliTest.Result refused =
        PeerbillCliTest.peerbill(
            env, "vpc", "create", "--region", "nowhere", "--name", "a", "--cidr", "10.0.0.0/16");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("peerbill: UNKNOWN_REGION (R10): no region 'nowhere'\n");
  }
}

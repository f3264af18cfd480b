package io.peerbill.peering.cli;

import io.peerbill.db.Database;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import java.time.Clock;

/** The services one command runs against, and what to close afterwards. */
public interface Session extends AutoCloseable {

  Peering peering();

  @Override
  void close();

  /** Opens the session a command needs. */
  @FunctionalInterface
  interface Opener {
    Session open();
  }

  String ENV_MAX_PER_VPC = "PEERBILL_MAX_PEERINGS_PER_VPC";

  /** The configured database (or the embedded one), the system clock, the configured limits. */
  static Session openDefault() {
    Database db = Database.open();
    Peering peering =
        new Peering(db.dsl(), Clock.systemUTC(), settings(System.getenv(ENV_MAX_PER_VPC)));
    return new Session() {
      @Override
      public Peering peering() {
        return peering;
      }

      @Override
      public void close() {
        db.close();
      }
    };
  }

  static PeeringSettings settings(String maxPerVpc) {
    if (maxPerVpc == null || maxPerVpc.isBlank()) {
      return PeeringSettings.DEFAULTS;
    }
    try {
      return PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(Integer.parseInt(maxPerVpc.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ENV_MAX_PER_VPC + " must be a positive whole number, got '" + maxPerVpc + "'");
    }
  }
}

package io.peerbill.alerting.cli;

import io.peerbill.alerting.AlertFixtures;
import org.jooq.DSLContext;

/** The alert fixtures, for the command tests in the cli package. */
public final class CliFixtures {

  public static final String CROSS = AlertFixtures.CROSS;
  public static final String SAME = AlertFixtures.SAME;

  private CliFixtures() {}

  public static void lifecycle(DSLContext dsl) {
    AlertFixtures.lifecycle(dsl);
  }
}

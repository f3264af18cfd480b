package io.peerbill.billing.job;

import io.peerbill.billing.BillingProperties.Payer;
import org.junit.jupiter.api.Test;

/** D8 as shipped: application.yml leaves the payer at its default. */
class RequesterPaysByDefaultTest extends PayerTestBase {

  @Test
  void requesterPaysByDefaultOnLinesAndStatements_D8() throws Exception {
    assertLinesAndStatementsArePaidBy(Payer.REQUESTER);
  }
}

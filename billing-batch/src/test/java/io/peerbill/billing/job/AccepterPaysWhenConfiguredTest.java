package io.peerbill.billing.job;

import io.peerbill.billing.BillingProperties.Payer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** D8's configurable alternative: {@code peerbill.billing.payer=ACCEPTER}. */
@TestPropertySource(properties = "peerbill.billing.payer=ACCEPTER")
class AccepterPaysWhenConfiguredTest extends PayerTestBase {

  @Test
  void accepterPaysWhenConfiguredOnLinesAndStatements_D8() throws Exception {
    assertLinesAndStatementsArePaidBy(Payer.ACCEPTER);
  }
}

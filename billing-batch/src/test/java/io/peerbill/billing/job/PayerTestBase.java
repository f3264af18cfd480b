package io.peerbill.billing.job;

import static io.peerbill.billing.BillingFixture.ACCEPTER;
import static io.peerbill.billing.BillingFixture.REQUESTER;
import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingProperties.Payer;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.statement.Statement;
import io.peerbill.billing.statement.StatementRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who pays a cross-region connection (D8): two connections with their ends' accounts swapped, so
 * each account is the requester of one and the accepter of the other; the lines and the statements
 * must name the configured party of each.
 */
abstract class PayerTestBase extends BillingTestBase {

  @Autowired StatementRepository statements;

  void assertLinesAndStatementsArePaidBy(Payer party) throws Exception {
    assertThat(properties.payer()).isEqualTo(party);
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    Instant before = DAY_START.minus(Duration.ofDays(3));
    String requestedByRequester = fixture.crossRegion(1000, before); // 912 Mbps: 1368.00
    fixture.bucket(requestedByRequester, DAY_START, bytesFor(912), 0);
    String requestedByAccepter = // 100 Mbps: 154.00
        fixture.active(ACCEPTER, BillingFixture.GUANGZHOU, BillingFixture.BEIJING, 1000, before);
    fixture.bucket(requestedByAccepter, DAY_START, 0, bytesFor(100));

    bill(DAY, SHANGHAI);

    boolean requesterPays = party == Payer.REQUESTER;
    String payerOfFirst = requesterPays ? REQUESTER : ACCEPTER;
    String payerOfSecond = requesterPays ? ACCEPTER : REQUESTER;
    assertThat(line(requestedByRequester, DAY).payerAccountId()).isEqualTo(payerOfFirst);
    assertThat(line(requestedByAccepter, DAY).payerAccountId()).isEqualTo(payerOfSecond);
    assertThat(statements.statementsOf(DAY, null))
        .extracting(Statement::accountId, Statement::lineCount, s -> s.total().toPlainString())
        .containsExactlyInAnyOrder(
            Tuple.tuple(payerOfFirst, 1, "1368.00"), Tuple.tuple(payerOfSecond, 1, "154.00"));
  }
}

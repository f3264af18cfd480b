package io.peerbill.cli.demo;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.statement.Statement;
import io.peerbill.metering.MeteringRunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What one demo run did, for the report and the end-to-end test. */
record DemoResult(
    Map<String, String> connectionIds,
    Path samples,
    long sampleLines,
    MeteringRunSummary metering,
    BillingReport billing,
    List<BillLine> lines,
    List<Statement> statements,
    List<AlertRow> alerts,
    List<WebhookInbox.Notice> notices,
    Path statementDir,
    List<Path> pages) {

  /** An alert event as stored. */
  record AlertRow(
      String policy, String connectionId, String state, String windowEnd, double value) {}
}

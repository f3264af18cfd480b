package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.line.LineStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The notes that explain a line: why it is free, zero, capped, failed or changed. */
final class LineNotes {

  private LineNotes() {}

  static List<String> of(StatementPage.Line line, BillingDay day) {
    BillLine bill = line.bill();
    List<String> notes = new ArrayList<>();
    switch (bill.status()) {
      case FREE -> notes.add("same-region: free");
      case NO_TRAFFIC -> notes.add("no traffic");
      case FAILED -> notes.add("failed: " + bill.failureReason());
      case REMOVED -> notes.add("removed: not active that day after all");
      case BILLED -> {
        if (bill.capMbps() != null
            && bill.peakMbps() != null
            && bill.peakMbps().compareTo(BigDecimal.valueOf(bill.capMbps())) > 0) {
          notes.add("billed at cap");
        }
      }
    }
    if (line.chart() != null && line.chart().caps().size() > 1) {
      notes.add(
          "cap changed during the day ("
              + line.chart().caps().stream()
                  .map(step -> Integer.toString(step.capMbps()))
                  .collect(Collectors.joining(" → "))
              + " Mbps): the highest applies");
    }
    if (bill.status() != LineStatus.REMOVED
        && bill.bucketsActive()
            < new TrafficChart(day, List.of(), List.of(), List.of()).bucketCount()) {
      notes.add("active for part of the day");
    }
    for (LineRevision revision : line.revisions()) {
      notes.add(
          "re-billed: revision "
              + revision.revision()
              + " was "
              + revision.amount().toPlainString()
              + " ("
              + revision.reason()
              + ")");
    }
    return notes;
  }
}

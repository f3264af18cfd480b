package io.peerbill.billing.job;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import java.time.LocalDate;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes a chunk of bill lines in the chunk's transaction; re-runs revise, never duplicate.
 *
 * <p>When the step starts on a day without lines (the first run of a day, the nightly case) there
 * is nothing to compare with: every chunk is inserted as it is, with no lookup. Otherwise (a
 * re-run, or a restart after some chunks were committed) each chunk is compared with the stored
 * lines. A second run of the same day started concurrently cannot charge twice either way: the
 * line's primary key refuses the duplicate and that run fails.
 */
public class BillLineWriter implements ItemStreamWriter<BillLine> {

  private final BillLineRepository lines;
  private final LocalDate day;
  private final Long jobExecutionId;
  private boolean dayHadLines = true;

  public BillLineWriter(BillLineRepository lines, LocalDate day, Long jobExecutionId) {
    this.lines = lines;
    this.day = day;
    this.jobExecutionId = jobExecutionId;
  }

  @Override
  public void open(ExecutionContext executionContext) {
    dayHadLines = lines.anyOn(day);
  }

  @Override
  public void write(Chunk<? extends BillLine> chunk) {
    if (dayHadLines) {
      lines.save(chunk.getItems(), jobExecutionId);
    } else {
      lines.insertNew(chunk.getItems(), jobExecutionId);
    }
  }
}

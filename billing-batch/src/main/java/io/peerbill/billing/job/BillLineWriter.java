package io.peerbill.billing.job;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of bill lines in the chunk's transaction; re-runs revise, never duplicate. */
public class BillLineWriter implements ItemWriter<BillLine> {

  private final BillLineRepository lines;
  private final Long jobExecutionId;

  public BillLineWriter(BillLineRepository lines, Long jobExecutionId) {
    this.lines = lines;
    this.jobExecutionId = jobExecutionId;
  }

  @Override
  public void write(Chunk<? extends BillLine> chunk) {
    lines.save(chunk.getItems(), jobExecutionId);
  }
}

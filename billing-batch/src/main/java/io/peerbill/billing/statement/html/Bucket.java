package io.peerbill.billing.statement.html;

import io.peerbill.billing.DailyPeakPricer;
import java.math.BigDecimal;
import java.time.Instant;

/** One 5-minute bucket of a connection's day as billing counts it (too-late samples folded in). */
public record Bucket(Instant start, long inBytes, long outBytes) {

  /** The bytes billing compares: the higher direction (D5). */
  public long peakBytes() {
    return Math.max(inBytes, outBytes);
  }

  public BigDecimal inMbps() {
    return DailyPeakPricer.bucketMbps(inBytes);
  }

  public BigDecimal outMbps() {
    return DailyPeakPricer.bucketMbps(outBytes);
  }

  public BigDecimal peakMbps() {
    return DailyPeakPricer.bucketMbps(peakBytes());
  }
}

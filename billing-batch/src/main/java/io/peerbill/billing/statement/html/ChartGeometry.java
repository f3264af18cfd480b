package io.peerbill.billing.statement.html;

import java.time.Duration;
import java.time.Instant;

/** Where a chart's times and values land in its SVG viewport (pixels, y growing downwards). */
public record ChartGeometry(Instant dayStart, int bucketCount, double axisMaxMbps) {

  public static final int WIDTH = 1100;
  public static final int HEIGHT = 300;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 24;
  static final int BOTTOM = 44;
  private static final Duration HALF_BUCKET = TrafficChart.BUCKET.dividedBy(2);

  public static ChartGeometry of(TrafficChart chart) {
    return new ChartGeometry(
        chart.day().start(), chart.bucketCount(), chart.axisMaxMbps().doubleValue());
  }

  double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  double plotBottom() {
    return HEIGHT - BOTTOM;
  }

  /** x of an instant of the day (its start is the left edge, its end the right). */
  public double x(Instant at) {
    double buckets =
        Duration.between(dayStart, at).toMillis() / (double) TrafficChart.BUCKET.toMillis();
    return LEFT + buckets * plotWidth() / bucketCount;
  }

  /** x of the middle of the bucket starting at {@code bucketStart}: where its value is drawn. */
  public double bucketX(Instant bucketStart) {
    return x(bucketStart.plus(HALF_BUCKET));
  }

  public double y(double mbps) {
    return plotBottom() - mbps / axisMaxMbps * (plotBottom() - TOP);
  }

  /** A coordinate as the SVG carries it: two decimals (half-up), locale-independent. */
  public static String px(double value) {
    return px(new StringBuilder(12), value).toString();
  }

  /**
   * Appends a coordinate with two decimals. Written out by hand: a chart has hundreds of them and a
   * statement run thousands of charts, where {@code String.format} cost more than all else.
   */
  public static StringBuilder px(StringBuilder out, double value) {
    long hundredths = Math.round(Math.abs(value) * 100);
    if (value < 0 && hundredths != 0) {
      out.append('-');
    }
    out.append(hundredths / 100).append('.');
    long rest = hundredths % 100;
    return out.append(rest < 10 ? "0" : "").append(rest);
  }
}

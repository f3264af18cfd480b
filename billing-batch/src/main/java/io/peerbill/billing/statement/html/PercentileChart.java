package io.peerbill.billing.statement.html;

import static io.peerbill.billing.statement.html.Html.escape;

import io.peerbill.billing.DailyPeakPricer;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A month's points sorted from the highest down, as inline SVG (D13): the dropped top points shaded
 * up to the cut, the billed point (the first after the cut) marked, the cap as a line.
 */
final class PercentileChart {

  static final int WIDTH = 760;
  static final int HEIGHT = 260;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 40;

  /** At most this many vertices: a month has up to 8,940 points, the plot ~700 pixels. */
  private static final int MAX_VERTICES = 700;

  private PercentileChart() {}

  /**
   * @param sortedBytes the points' bytes, highest first
   * @param dropped how many of the top points the 95th drops (the billed one is at that index)
   */
  static String render(long[] sortedBytes, int dropped, Integer capMbps, String title) {
    int n = sortedBytes.length;
    double max = mbps(n == 0 ? 0 : sortedBytes[0]);
    BigDecimal top =
        NiceScale.ceiling(BigDecimal.valueOf(Math.max(max, capMbps == null ? 0 : capMbps)));
    double yTop = top.doubleValue();
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder(16_384);
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart percentile\" viewBox=\"0 0 %d %d\" role=\"img\""
                    + " aria-label=\"%s\" data-points=\"%d\" data-dropped=\"%d\""
                    + " font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT,
                escape(title),
                n,
                dropped))
        .append(String.format(Locale.ROOT, "<title>%s</title>%n", escape(title)));
    for (int i = 0; i <= 4; i++) {
      double value = yTop * i / 4;
      double y = TOP + plotH - plotH * i / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e2e8f0\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">points, highest first (%d)</text>%n",
            LEFT + (int) plotW / 2,
            HEIGHT - 8,
            n));
    if (n == 0) {
      return svg.append("</svg>\n").toString();
    }
    double cutX = LEFT + plotW * dropped / n;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"dropped\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"#fed7d7\"><title>top %d points dropped</title></rect>%n",
            LEFT,
            TOP,
            cutX - LEFT,
            plotH,
            dropped));
    StringBuilder line = new StringBuilder();
    int step = Math.max(1, (n + MAX_VERTICES - 1) / MAX_VERTICES);
    for (int i = 0; i < n; i += step) {
      vertex(line, i, n, sortedBytes[i], yTop, plotW, plotH);
    }
    vertex(line, n - 1, n, sortedBytes[n - 1], yTop, plotW, plotH);
    svg.append("<polyline class=\"points\" fill=\"none\" stroke=\"#2b6cb0\" points=\"")
        .append(line.toString().strip())
        .append("\"/>\n");
    if (capMbps != null && capMbps <= yTop) {
      double y = y(capMbps, yTop, plotH);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"cap\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c53030\""
                  + " stroke-dasharray=\"6 3\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\""
                  + " fill=\"#c53030\">cap %d</text>%n",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              WIDTH - RIGHT,
              y - 4,
              capMbps));
    }
    if (dropped < n) {
      double billed = mbps(sortedBytes[dropped]);
      double y = y(billed, yTop, plotH);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"cut\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c53030\"/>"
                  + "<circle class=\"billed\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c53030\">"
                  + "<title>point %d of %d: %s Mbps</title></circle>"
                  + "<text x=\"%.1f\" y=\"%.1f\">cut: %d dropped, point %d billed</text>%n",
              cutX,
              TOP,
              cutX,
              TOP + plotH,
              cutX,
              y,
              dropped + 1,
              n,
              DailyPeakPricer.bucketMbps(sortedBytes[dropped])
                  .setScale(2, java.math.RoundingMode.HALF_UP)
                  .toPlainString(),
              cutX + 6,
              Math.max(TOP + 12.0, y - 8),
              dropped,
              dropped + 1));
    }
    return svg.append("</svg>\n").toString();
  }

  private static void vertex(
      StringBuilder line, int i, int n, long bytes, double yTop, double plotW, double plotH) {
    double x = LEFT + plotW * (i + 0.5) / n;
    line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(mbps(bytes), yTop, plotH)));
  }

  private static double y(double mbps, double yTop, double plotH) {
    return TOP + plotH - plotH * mbps / yTop;
  }

  private static double mbps(long bytes) {
    return bytes * 8 / 300e6;
  }
}

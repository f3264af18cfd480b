package io.peerbill.billing.statement.html;

import static io.peerbill.billing.statement.html.ChartGeometry.px;
import static io.peerbill.billing.statement.html.Html.escape;

import io.peerbill.billing.DailyPeakPricer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Draws a {@link TrafficChart} as inline SVG: in/out Mbps per 5-minute bucket of the connection's
 * active time, the cap in force as a (step) line, the peak bucket marked, hours in the billing
 * zone's local time along the axis.
 */
public final class SvgChartRenderer {

  static final String IN_COLOUR = "#2b6cb0";
  static final String OUT_COLOUR = "#dd6b20";
  static final String CAP_COLOUR = "#c53030";
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
  private static final int Y_DIVISIONS = 4;

  public String render(TrafficChart chart, String title) {
    ChartGeometry g = ChartGeometry.of(chart);
    StringBuilder svg = new StringBuilder(32_768);
    svg.append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(ChartGeometry.WIDTH)
        .append(' ')
        .append(ChartGeometry.HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(title))
        .append("\" data-buckets=\"")
        .append(chart.bucketCount())
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    List<Optional<Bucket>> slots = chart.slots();
    inactiveShading(svg, chart, slots, g);
    valueAxis(svg, chart, g);
    timeAxis(svg, chart, g);
    series(svg, slots, g, Bucket::inBytes, "in", IN_COLOUR);
    series(svg, slots, g, Bucket::outBytes, "out", OUT_COLOUR);
    capLine(svg, chart, g);
    peakMarker(svg, chart, g);
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private void inactiveShading(
      StringBuilder svg, TrafficChart chart, List<Optional<Bucket>> slots, ChartGeometry g) {
    int i = 0;
    while (i < slots.size()) {
      if (slots.get(i).isPresent()) {
        i++;
        continue;
      }
      int from = i;
      while (i < slots.size() && slots.get(i).isEmpty()) {
        i++;
      }
      double x0 = g.x(chart.slotStart(from));
      double x1 = g.x(chart.slotStart(i));
      svg.append("<rect class=\"inactive\" x=\"")
          .append(px(x0))
          .append("\" y=\"")
          .append(ChartGeometry.TOP)
          .append("\" width=\"")
          .append(px(x1 - x0))
          .append("\" height=\"")
          .append(px(g.plotBottom() - ChartGeometry.TOP))
          .append("\" fill=\"#edf2f7\"><title>not active</title></rect>\n");
      if (x1 - x0 > 80) {
        svg.append("<text x=\"")
            .append(px((x0 + x1) / 2))
            .append("\" y=\"")
            .append(px(ChartGeometry.TOP + 16))
            .append("\" text-anchor=\"middle\" fill=\"#718096\">not active</text>\n");
      }
    }
  }

  private void valueAxis(StringBuilder svg, TrafficChart chart, ChartGeometry g) {
    BigDecimal max = chart.axisMaxMbps();
    for (int k = 0; k <= Y_DIVISIONS; k++) {
      BigDecimal value =
          max.multiply(BigDecimal.valueOf(k))
              .divide(BigDecimal.valueOf(Y_DIVISIONS), 2, RoundingMode.HALF_UP);
      double y = g.y(value.doubleValue());
      svg.append("<line x1=\"")
          .append(ChartGeometry.LEFT)
          .append("\" x2=\"")
          .append(ChartGeometry.WIDTH - ChartGeometry.RIGHT)
          .append("\" y1=\"")
          .append(px(y))
          .append("\" y2=\"")
          .append(px(y))
          .append("\" stroke=\"")
          .append(k == 0 ? "#4a5568" : "#e2e8f0")
          .append("\"/>\n<text x=\"")
          .append(ChartGeometry.LEFT - 6)
          .append("\" y=\"")
          .append(px(y + 4))
          .append("\" text-anchor=\"end\" fill=\"#4a5568\">")
          .append(value.stripTrailingZeros().toPlainString())
          .append("</text>\n");
    }
    svg.append("<text x=\"12\" y=\"")
        .append(px((ChartGeometry.TOP + g.plotBottom()) / 2))
        .append("\" fill=\"#4a5568\" transform=\"rotate(-90 12 ")
        .append(px((ChartGeometry.TOP + g.plotBottom()) / 2))
        .append(")\" text-anchor=\"middle\">Mbps</text>\n");
  }

  /**
   * A tick every hour, labelled at local hours divisible by three, so a DST day reads 00:00, 03:00,
   * … 24:00 like any other (with one hour fewer or more in between).
   */
  private void timeAxis(StringBuilder svg, TrafficChart chart, ChartGeometry g) {
    double bottom = g.plotBottom();
    for (Instant at = chart.day().start();
        !at.isAfter(chart.day().end());
        at = at.plus(Duration.ofHours(1))) {
      double x = g.x(at);
      ZonedDateTime local = at.atZone(chart.day().zone());
      boolean labelled = local.getHour() % 3 == 0 && local.getMinute() == 0;
      svg.append("<line class=\"tick\" x1=\"")
          .append(px(x))
          .append("\" x2=\"")
          .append(px(x))
          .append("\" y1=\"")
          .append(px(bottom))
          .append("\" y2=\"")
          .append(px(bottom + (labelled ? 6 : 3)))
          .append("\" stroke=\"#4a5568\"/>\n");
      if (labelled) {
        svg.append("<text class=\"hour\" x=\"")
            .append(px(x))
            .append("\" y=\"")
            .append(px(bottom + 18))
            .append("\" text-anchor=\"middle\" fill=\"#4a5568\">")
            .append(at.equals(chart.day().end()) ? "24:00" : HOUR.format(local))
            .append("</text>\n");
      }
    }
    svg.append("<text x=\"")
        .append(px(ChartGeometry.LEFT + g.plotWidth() / 2))
        .append("\" y=\"")
        .append(ChartGeometry.HEIGHT - 6)
        .append("\" text-anchor=\"middle\" fill=\"#4a5568\">")
        .append(escape("local time (" + chart.day().zone().getId() + "), 5-minute buckets"))
        .append("</text>\n");
  }

  /** One polyline per run of active slots, so inactive time shows as a gap. */
  private void series(
      StringBuilder svg,
      List<Optional<Bucket>> slots,
      ChartGeometry g,
      ToLongFunction<Bucket> bytes,
      String name,
      String colour) {
    boolean open = false;
    for (Optional<Bucket> slot : slots) {
      if (slot.isEmpty()) {
        open = close(svg, open);
        continue;
      }
      if (!open) {
        svg.append("<polyline class=\"")
            .append(name)
            .append("\" fill=\"none\" stroke=\"")
            .append(colour)
            .append("\" stroke-width=\"1.5\" points=\"");
        open = true;
      } else {
        svg.append(' ');
      }
      Bucket b = slot.get();
      ChartGeometry.px(svg, g.bucketX(b.start())).append(',');
      ChartGeometry.px(svg, g.y(drawnMbps(bytes.applyAsLong(b))));
    }
    close(svg, open);
  }

  private static boolean close(StringBuilder svg, boolean open) {
    if (open) {
      svg.append("\"/>\n");
    }
    return false;
  }

  /**
   * A bucket's Mbps for drawing: bytes × 8 / 300 / 10^6 in one division, the double nearest the
   * exact value (the billed value itself is {@link DailyPeakPricer#bucketMbps}, exact decimal).
   */
  static double drawnMbps(long bytes) {
    return bytes * 8d / 300e6;
  }

  /** The cap in force as a line; a step where it changed during the day. */
  private void capLine(StringBuilder svg, TrafficChart chart, ChartGeometry g) {
    List<CapStep> caps = chart.caps();
    if (caps.isEmpty()) {
      return;
    }
    StringBuilder path = new StringBuilder();
    StringBuilder steps = new StringBuilder();
    for (int i = 0; i < caps.size(); i++) {
      CapStep cap = caps.get(i);
      Instant to = i + 1 < caps.size() ? caps.get(i + 1).from() : chart.day().end();
      double y = g.y(cap.capMbps());
      path.append(i == 0 ? "M" : " V").append(i == 0 ? px(g.x(cap.from())) + " " + px(y) : px(y));
      path.append(" H").append(px(g.x(to)));
      steps.append(i == 0 ? "" : " ").append(cap.capMbps()).append('@').append(cap.from());
    }
    CapStep last = caps.get(caps.size() - 1);
    svg.append("<path class=\"cap\" d=\"")
        .append(path)
        .append("\" fill=\"none\" stroke=\"")
        .append(CAP_COLOUR)
        .append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" data-steps=\"")
        .append(steps)
        .append("\"/>\n<text class=\"cap-label\" x=\"")
        .append(px(ChartGeometry.WIDTH - ChartGeometry.RIGHT - 4))
        .append("\" y=\"")
        .append(px(g.y(last.capMbps()) - 5))
        .append("\" text-anchor=\"end\" fill=\"")
        .append(CAP_COLOUR)
        .append("\">cap ")
        .append(last.capMbps())
        .append(" Mbps</text>\n");
  }

  private void peakMarker(StringBuilder svg, TrafficChart chart, ChartGeometry g) {
    Optional<Bucket> found = chart.peak();
    if (found.isEmpty()) {
      return;
    }
    Bucket peak = found.get();
    BigDecimal mbps = peak.peakMbps().setScale(2, RoundingMode.HALF_UP);
    double x = g.bucketX(peak.start());
    double y = g.y(peak.peakMbps().doubleValue());
    String local = HOUR.format(peak.start().atZone(chart.day().zone()));
    boolean leftSide = x > ChartGeometry.WIDTH * 0.75;
    svg.append("<circle class=\"peak\" cx=\"")
        .append(px(x))
        .append("\" cy=\"")
        .append(px(y))
        .append("\" r=\"5\" fill=\"none\" stroke=\"#1a202c\" stroke-width=\"2\" data-time=\"")
        .append(peak.start())
        .append("\" data-mbps=\"")
        .append(
            peak.peakMbps().setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString())
        .append("\"/>\n<text class=\"peak-label\" x=\"")
        .append(px(leftSide ? x - 9 : x + 9))
        .append("\" y=\"")
        .append(px(Math.max(y - 8, ChartGeometry.TOP + 10)))
        .append("\" text-anchor=\"")
        .append(leftSide ? "end" : "start")
        .append("\" font-weight=\"bold\" fill=\"#1a202c\">peak ")
        .append(mbps.toPlainString())
        .append(" Mbps at ")
        .append(local)
        .append("</text>\n");
  }

  private void legend(StringBuilder svg) {
    int x = ChartGeometry.LEFT + 8;
    String[][] items = {{"in", IN_COLOUR}, {"out", OUT_COLOUR}, {"cap", CAP_COLOUR}};
    for (String[] item : items) {
      svg.append("<line x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x + 18)
          .append("\" y1=\"12\" y2=\"12\" stroke=\"")
          .append(item[1])
          .append("\" stroke-width=\"2\"")
          .append(item[0].equals("cap") ? " stroke-dasharray=\"6 4\"" : "")
          .append("/>\n<text x=\"")
          .append(x + 22)
          .append("\" y=\"16\" fill=\"#4a5568\">")
          .append(item[0])
          .append("</text>\n");
      x += 70;
    }
  }
}

package io.peerbill.billing.tariff;

import io.peerbill.peering.ChargeMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a tariff file: one row per tier, the rows of one (pair_class, effective_from) forming one
 * tariff. Header required:
 *
 * <pre>
 * pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price,charge_mode
 * cn-mainland:overseas,2026-01-01,VOLUME,CNY,0,500,1.54,
 * cn-mainland:overseas,2026-01-01,VOLUME,CNY,500,,1.50,
 * cn-mainland:overseas,2026-01-01,VOLUME,CNY,0,,40.00,MONTHLY_95TH
 * </pre>
 *
 * The charge_mode column (D13) may be left out, or left empty: DAILY_PEAK. Tiers must start at 0,
 * follow each other without gap and end with an open tier (empty to_mbps).
 */
public final class TariffCsv {

  static final String HEADER =
      "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price";
  static final String HEADER_WITH_MODE = HEADER + ",charge_mode";

  private TariffCsv() {}

  public static List<Tariff> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TariffFileException("no such tariff file: " + file);
    } catch (IOException e) {
      throw new TariffFileException("cannot read " + file + ": " + e.getMessage());
    }
    return parse(lines);
  }

  /** Tariffs from CSV text (an upload), checked as a file is. */
  public static List<Tariff> parse(String csv) {
    return parse(csv == null ? List.of() : csv.lines().toList());
  }

  static List<Tariff> parse(List<String> lines) {
    String header = lines.isEmpty() ? "" : lines.get(0).strip();
    if (!header.equals(HEADER) && !header.equals(HEADER_WITH_MODE)) {
      throw new TariffFileException(
          "line 1: expected the header '" + HEADER_WITH_MODE + "' (charge_mode may be left out)");
    }
    int fields = header.split(",").length;
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Row row = row(i + 1, lines.get(i), fields);
      groups
          .computeIfAbsent(
              row.pairClass + "@" + row.mode + "@" + row.effectiveFrom, k -> new ArrayList<>())
          .add(row);
    }
    if (groups.isEmpty()) {
      throw new TariffFileException("no tariff rows after the header");
    }
    return groups.values().stream().map(TariffCsv::tariff).toList();
  }

  private record Row(
      int line,
      String pairClass,
      LocalDate effectiveFrom,
      TierModel model,
      String currency,
      TariffTier tier,
      ChargeMode mode) {}

  private static Row row(int line, String text, int fields) {
    String[] f = text.split(",", -1);
    if (f.length != fields) {
      throw new TariffFileException(
          "line " + line + ": expected " + fields + " fields, got " + f.length);
    }
    try {
      String pairClass = f[0].strip();
      if (!pairClass.matches("[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*")) {
        throw new TariffFileException("line " + line + ": bad pair_class '" + pairClass + "'");
      }
      String[] zones = pairClass.split(":");
      String currency = f[3].strip();
      if (!currency.matches("[A-Z]{3}")) {
        throw new TariffFileException("line " + line + ": bad currency '" + currency + "'");
      }
      BigDecimal from = decimal(line, "from_mbps", f[4], MBPS);
      BigDecimal to = f[5].isBlank() ? null : decimal(line, "to_mbps", f[5], MBPS);
      BigDecimal price = decimal(line, "unit_price", f[6], PRICE);
      LocalDate effectiveFrom = LocalDate.parse(f[1].strip());
      if (effectiveFrom.getYear() < 1900 || effectiveFrom.getYear() > 9999) {
        throw new TariffFileException(
            "line " + line + ": effective_from must lie in the years 1900-9999, got " + f[1]);
      }
      return new Row(
          line,
          Tariff.pairClass(zones[0], zones[1]),
          effectiveFrom,
          TierModel.valueOf(f[2].strip().toUpperCase(Locale.ROOT)),
          currency,
          new TariffTier(from, to, price),
          mode(line, fields == 8 ? f[7].strip() : ""));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new TariffFileException("line " + line + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new TariffFileException(
          "line " + line + ": tier_model must be VOLUME or GRADUATED, got '" + f[2] + "'");
    }
  }

  private static ChargeMode mode(int line, String text) {
    if (text.isEmpty()) {
      return ChargeMode.DAILY_PEAK;
    }
    try {
      return ChargeMode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TariffFileException(
          "line " + line + ": charge_mode must be DAILY_PEAK or MONTHLY_95TH, got '" + text + "'");
    }
  }

  /** Digits before and after the point that a column holds (tariff_tier: numeric(12,2), (14,6)). */
  private record Digits(int integer, int fraction) {}

  private static final Digits MBPS = new Digits(10, 2);
  private static final Digits PRICE = new Digits(8, 6);

  /**
   * A non-negative decimal that its column holds exactly: never rounded on the way in (money stays
   * as written), never one whose plain form is a billion digits long.
   */
  private static BigDecimal decimal(int line, String name, String text, Digits digits) {
    String value = text.strip();
    if (value.length() > 40) {
      throw new TariffFileException("line " + line + ": " + name + " is too long");
    }
    BigDecimal number;
    try {
      number = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new TariffFileException("line " + line + ": " + name + " is not a number: " + value);
    }
    if (number.signum() < 0) {
      throw new TariffFileException("line " + line + ": negative " + name);
    }
    BigDecimal exact = number.stripTrailingZeros();
    if (exact.scale() > digits.fraction() || exact.precision() - exact.scale() > digits.integer()) {
      throw new TariffFileException(
          "line "
              + line
              + ": "
              + name
              + " must have at most "
              + digits.integer()
              + " digits before the point and "
              + digits.fraction()
              + " after it, got "
              + value);
    }
    return number;
  }

  private static Tariff tariff(List<Row> rows) {
    Row first = rows.get(0);
    BigDecimal expectedFrom = BigDecimal.ZERO;
    List<TariffTier> tiers = new ArrayList<>();
    for (Row row : rows) {
      if (row.model != first.model || !row.currency.equals(first.currency)) {
        throw new TariffFileException(
            "line " + row.line + ": tiers of one tariff must share tier_model and currency");
      }
      if (expectedFrom == null || row.tier.fromMbps().compareTo(expectedFrom) != 0) {
        throw new TariffFileException(
            "line " + row.line + ": tier must start at " + expectedFrom + " Mbps (no gaps)");
      }
      expectedFrom = row.tier.toMbps();
      if (expectedFrom != null && expectedFrom.compareTo(row.tier.fromMbps()) <= 0) {
        throw new TariffFileException("line " + row.line + ": to_mbps must exceed from_mbps");
      }
      tiers.add(row.tier);
    }
    if (expectedFrom != null) {
      throw new TariffFileException(
          "line "
              + rows.get(rows.size() - 1).line
              + ": the last tier must be open (empty to_mbps)");
    }
    return new Tariff(
        null, first.pairClass, first.effectiveFrom, first.model, first.currency, tiers, first.mode);
  }

  /** A tariff file that cannot be loaded; the message names the line. */
  public static final class TariffFileException extends RuntimeException {
    TariffFileException(String message) {
      super(message);
    }
  }
}

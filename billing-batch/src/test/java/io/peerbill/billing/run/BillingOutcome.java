package io.peerbill.billing.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Everything a billing run of a day leaves for its payers: every bill line, every revision, every
 * statement and every statement file (the CSV the run writes and the HTML pages rendered on request
 * after it), without what differs between two equal runs (execution ids, timestamps).
 */
record BillingOutcome(
    List<String> lines,
    List<String> revisions,
    List<String> statements,
    Map<String, String> files) {

  /** Renders a day's statement pages into a folder, as {@code bills pages --all-accounts} does. */
  @FunctionalInterface
  interface PagesOnRequest {
    void render(LocalDate day, Path statementDir) throws Exception;
  }

  /** The outcome of the day's runs, once their pages are asked for. */
  static BillingOutcome of(DSLContext dsl, LocalDate day, Path statementDir, PagesOnRequest pages)
      throws Exception {
    pages.render(day, statementDir);
    return new BillingOutcome(
        rows(
            dsl,
            "SELECT connection_id, zone, payer_account_id, pair_class, status, peak_mbps, cap_mbps,"
                + " billed_mbps, tariff_id, amount, currency, buckets_with_data, buckets_active,"
                + " failure_reason, revision FROM bill_line WHERE bill_day = ?::date"
                + " ORDER BY connection_id",
            day),
        rows(
            dsl,
            "SELECT connection_id, revision, status, peak_mbps, cap_mbps, billed_mbps, tariff_id,"
                + " amount, currency, buckets_with_data, buckets_active, failure_reason, reason"
                + " FROM bill_line_revision WHERE bill_day = ?::date ORDER BY connection_id, revision",
            day),
        rows(
            dsl,
            "SELECT account_id, currency, line_count, failed_count, total, previous_total,"
                + " adjustment, revision FROM bill_statement WHERE bill_day = ?::date"
                + " ORDER BY account_id, currency",
            day),
        files(statementDir, day));
  }

  /**
   * Back to before the day was billed: the same connections and traffic, no bills, no runs, none of
   * the day's statement files (other tests' files share the folder).
   */
  static void forget(DSLContext dsl, LocalDate day, Path statementDir) throws IOException {
    dsl.execute("TRUNCATE bill_statement, bill_line_revision, bill_line, billing_stage");
    dsl.execute("TRUNCATE batch_job_instance CASCADE");
    try (Stream<Path> files = Files.list(statementDir)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().contains(day.toString())) {
          Files.delete(file);
        }
      }
    }
  }

  private static List<String> rows(DSLContext dsl, String sql, LocalDate day) {
    return dsl.fetch(sql, day.toString()).stream()
        .map(Record::intoList)
        .map(Object::toString)
        .toList();
  }

  /**
   * The day's statement files (CSV and HTML pages) by name; a half-written {@code .part} is not
   * one, and other days' files (of other tests sharing the folder) are not the day's.
   */
  private static Map<String, String> files(Path dir, LocalDate day) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.list(dir)) {
      for (Path file : all.toList()) {
        String name = file.getFileName().toString();
        if (name.contains(day.toString()) && (name.endsWith(".csv") || name.endsWith(".html"))) {
          files.put(name, Files.readString(file));
        }
      }
    }
    return files;
  }
}

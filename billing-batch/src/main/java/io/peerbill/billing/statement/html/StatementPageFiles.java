package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLineRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The HTML statements of a billed day, rendered on request (issue 15: {@code bill} does not wait
 * for them; {@code bills pages} and the demo write them, the API serves one). Charting reads every
 * bucket of the day again, more work than billing itself, so only the pages asked for are made.
 * Pages are loaded {@value #ACCOUNTS_PER_LOAD} accounts at a time; each file is written to a
 * temporary name and moved into place, so a reader never sees half a statement and writing again
 * replaces it.
 */
@Component
public class StatementPageFiles {

  /**
   * Accounts loaded together. A load's buckets are read with one query, and an account's
   * connections are spread over the whole day's partitions (rows are in time order), so each load
   * reads most of the day's pages again: fewer, larger loads read them fewer times. The load's
   * buckets are held until its pages are written (at 100 connections per account, about 90 MB for
   * 50 accounts).
   */
  static final int ACCOUNTS_PER_LOAD = 50;

  private final StatementPageLoader loader;
  private final BillLineRepository lines;
  private final StatementPageWriter writer = new StatementPageWriter();

  public StatementPageFiles(StatementPageLoader loader, BillLineRepository lines) {
    this.loader = loader;
    this.lines = lines;
  }

  /**
   * Writes the day's page of {@code account}, or of every account with a statement on the day when
   * it is null, into {@code directory}; returns the files written, in account order.
   *
   * @throws NoStatementException the day is not billed, or the account has no statement on it
   */
  public List<Path> write(LocalDate date, String account, Path directory) throws IOException {
    BillingDay day = billedDay(date);
    List<String> accounts = loader.accountsOf(day);
    if (account != null) {
      if (!accounts.contains(account)) {
        throw new NoStatementException("account " + account + " has no statement for " + date);
      }
      accounts = List.of(account);
    }
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>(accounts.size());
    for (int from = 0; from < accounts.size(); from += ACCOUNTS_PER_LOAD) {
      List<String> load =
          accounts.subList(from, Math.min(from + ACCOUNTS_PER_LOAD, accounts.size()));
      for (StatementPage page : loader.load(load, day)) {
        written.add(
            PageFile.write(directory.resolve(fileName(page.accountId(), day)), writer.write(page)));
      }
    }
    return written;
  }

  /** The date in the zone it was billed in (a re-bill in another zone rewrites every line's). */
  private BillingDay billedDay(LocalDate date) {
    List<String> zones = lines.zonesOn(date);
    if (zones.isEmpty()) {
      throw new NoStatementException(
          "no statement for " + date + " (not billed, or no connection was active that day)");
    }
    return new BillingDay(date, ZoneId.of(zones.get(0)));
  }

  /** e.g. statement-100001-2026-11-25.html; characters unsafe in a file name become '_'. */
  public static String fileName(String accountId, BillingDay day) {
    return PageFile.name(accountId, day.date());
  }

  /** Nothing to render: the day is not billed, or not for that account. */
  public static final class NoStatementException extends RuntimeException {
    NoStatementException(String message) {
      super(message);
    }
  }
}

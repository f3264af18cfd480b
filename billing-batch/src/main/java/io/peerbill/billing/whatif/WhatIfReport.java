package io.peerbill.billing.whatif;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Repriced lines summed per account and connection (and currency), per account, and over all (D14):
 * current amount, what-if amount, difference. Printed as a table or as CSV.
 */
public final class WhatIfReport implements Consumer<RepricedLine> {

  static final String CSV_HEADER =
      "account_id,connection_id,currency,lines,current,what_if,difference";

  /** Sums of one group. */
  public static final class Sums {
    private int lines;
    private BigDecimal current = BigDecimal.ZERO.setScale(2);
    private BigDecimal whatIf = BigDecimal.ZERO.setScale(2);
    private int failed;

    void add(RepricedLine line) {
      lines++;
      current = current.add(line.current());
      whatIf = whatIf.add(line.whatIf());
      failed += "FAILED".equals(line.whatIfStatus()) ? 1 : 0;
    }

    public BigDecimal current() {
      return current;
    }

    public BigDecimal whatIf() {
      return whatIf;
    }

    public BigDecimal difference() {
      return whatIf.subtract(current);
    }

    public int lines() {
      return lines;
    }

    public int failed() {
      return failed;
    }
  }

  // account -> currency -> connection -> sums; sorted so output is stable
  private final Map<String, Map<String, Map<String, Sums>>> byConnection = new TreeMap<>();
  private final Map<String, Map<String, Sums>> byAccount = new TreeMap<>();
  private final Map<String, Sums> total = new TreeMap<>();

  @Override
  public void accept(RepricedLine line) {
    byConnection
        .computeIfAbsent(line.accountId(), a -> new TreeMap<>())
        .computeIfAbsent(line.currency(), c -> new TreeMap<>())
        .computeIfAbsent(line.connectionId(), c -> new Sums())
        .add(line);
    byAccount
        .computeIfAbsent(line.accountId(), a -> new TreeMap<>())
        .computeIfAbsent(line.currency(), c -> new Sums())
        .add(line);
    total.computeIfAbsent(line.currency(), c -> new Sums()).add(line);
  }

  /** Per account and currency: its connections' sums. */
  public Map<String, Map<String, Map<String, Sums>>> byConnection() {
    return byConnection;
  }

  public Map<String, Map<String, Sums>> byAccount() {
    return byAccount;
  }

  public Map<String, Sums> total() {
    return total;
  }

  public void printTable(PrintWriter out) {
    if (total.isEmpty()) {
      out.println("no stored lines in that range");
      return;
    }
    byConnection.forEach(
        (account, currencies) ->
            currencies.forEach(
                (currency, connections) -> {
                  out.printf("%s (%s)%n", account, currency);
                  connections.forEach((connection, s) -> out.println(row("  " + connection, s)));
                  out.println(row("  account total", byAccount.get(account).get(currency)));
                }));
    total.forEach((currency, s) -> out.println(row("total " + currency, s)));
    int failed = total.values().stream().mapToInt(Sums::failed).sum();
    if (failed > 0) {
      out.println(failed + " line(s) the other catalog cannot price (no tariff or tier): 0.00");
    }
    out.println("what-if: nothing stored");
  }

  public void printCsv(PrintWriter out) {
    out.println(CSV_HEADER);
    byConnection.forEach(
        (account, currencies) ->
            currencies.forEach(
                (currency, connections) -> {
                  connections.forEach(
                      (connection, s) -> out.println(csv(account, connection, currency, s)));
                  out.println(csv(account, "", currency, byAccount.get(account).get(currency)));
                }));
    total.forEach((currency, s) -> out.println(csv("", "", currency, s)));
  }

  private static String row(String label, Sums s) {
    return String.format(
        "%-28s %5d line(s)  current %14s  what-if %14s  difference %14s",
        label,
        s.lines(),
        s.current().toPlainString(),
        s.whatIf().toPlainString(),
        signed(s.difference()));
  }

  private static String csv(String account, String connection, String currency, Sums s) {
    return String.join(
        ",",
        account,
        connection,
        currency,
        Integer.toString(s.lines()),
        s.current().toPlainString(),
        s.whatIf().toPlainString(),
        s.difference().toPlainString());
  }

  private static String signed(BigDecimal value) {
    return value.signum() > 0 ? "+" + value.toPlainString() : value.toPlainString();
  }
}

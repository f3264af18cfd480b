package io.peerbill.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzed tariff files through the loader into a real PostgreSQL ({@code tariff load}, D7): a file
 * is either refused as a whole with one line naming what is wrong, or every tariff it holds is
 * stored exactly as written (no price rounded, no number the columns cannot hold); nothing else
 * escapes.
 */
class TariffCsvFuzzTest {

  private static final TestDatabase DB = database();

  private static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "-1",
          "NaN",
          "Infinity",
          "0.001",
          "1.1234567",
          "1e20",
          "99999999999.99",
          "123456789.5",
          "1e-999999999",
          "1e999999999",
          "\0",
          "广州",
          "a,b",
          "\"1.50\"",
          "+99999-01-01",
          "-10000-01-01",
          "0000-01-01",
          "2026-02-30",
          "volume",
          "VOLUMEx",
          "cny",
          "CNYY",
          "cn-mainland:",
          "A:B");

  @Property(tries = 200)
  void aTariffFileIsRefusedInOneLineOrStoredExactlyAsWritten_D7(@ForAll("files") byte[] file)
      throws Exception {
    Path path = Files.write(Files.createTempFile("tariffs-", ".csv"), file);
    List<Tariff> read;
    try {
      read = TariffCsv.read(path);
    } catch (TariffCsv.TariffFileException e) {
      Statistics.collect("refused");
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
      return;
    } finally {
      Files.delete(path);
    }
    Statistics.collect("loaded");
    DB.dsl().execute("TRUNCATE tariff CASCADE");
    DB.dsl().transaction(tx -> new TariffRepository(tx.dsl()).load(read));

    assertThat(stored(new TariffRepository(DB.dsl()).all())).isEqualTo(stored(lastWins(read)));
  }

  /** A later tariff of the same class and day replaces an earlier one, as loading does. */
  private static List<Tariff> lastWins(List<Tariff> tariffs) {
    Map<String, Tariff> byKey = new LinkedHashMap<>();
    tariffs.forEach(
        t -> byKey.put(t.pairClass() + "@" + t.chargeMode() + "@" + t.effectiveFrom(), t));
    return new ArrayList<>(byKey.values());
  }

  /** Tariffs as comparable text: numbers by value, not by scale. */
  private static List<String> stored(List<Tariff> tariffs) {
    return tariffs.stream()
        .sorted(
            Comparator.comparing((Tariff t) -> t.pairClass() + t.chargeMode())
                .thenComparing(t -> t.effectiveFrom()))
        .map(
            t ->
                t.pairClass()
                    + " "
                    + t.effectiveFrom()
                    + " "
                    + t.tierModel()
                    + " "
                    + t.currency()
                    + " "
                    + t.chargeMode()
                    + " "
                    + t.tiers().stream()
                        .map(
                            tier ->
                                plain(tier.fromMbps())
                                    + "-"
                                    + plain(tier.toMbps())
                                    + "@"
                                    + plain(tier.unitPrice()))
                        .toList())
        .toList();
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.stripTrailingZeros().toPlainString();
  }

  @Provide
  Arbitrary<byte[]> files() {
    Arbitrary<String> header =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.just(TariffCsv.HEADER)),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(80)));
    Arbitrary<List<String>> body =
        Arbitraries.frequencyOf(
                Tuple.of(6, tariffRows()),
                Tuple.of(3, tariffRows().flatMap(TariffCsvFuzzTest::mutated)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60).list().ofMaxSize(3)))
            .list()
            .ofMaxSize(4)
            .map(groups -> groups.stream().flatMap(List::stream).toList());
    return Combinators.combine(header, body, Arbitraries.integers().between(0, 9))
        .as(TariffCsvFuzzTest::bytes);
  }

  private static byte[] bytes(String header, List<String> rows, int garble) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] bytes = out.toByteArray();
    if (garble == 0 && bytes.length > 0) {
      bytes[bytes.length / 2] = (byte) 0xC3; // a UTF-8 lead byte without its continuation
    }
    return bytes;
  }

  /** The rows of one well-formed tariff: tiers from 0, without gaps, the last one open. */
  private static Arbitrary<List<String>> tariffRows() {
    return Combinators.combine(
            Arbitraries.of("cn-mainland:overseas", "overseas:cn-mainland", "a:b", "eu-1:us-2"),
            Arbitraries.of("2026-01-01", "2026-11-25", "1999-12-31"),
            Arbitraries.of("VOLUME", "GRADUATED", "volume"),
            Arbitraries.of("CNY", "EUR"),
            Arbitraries.integers().between(1, 5000).list().ofMinSize(0).ofMaxSize(3),
            Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("99.999999"))
                .ofScale(6)
                .list()
                .ofSize(4))
        .as(
            (pair, from, model, currency, widths, prices) -> {
              List<String> rows = new ArrayList<>();
              int start = 0;
              for (int i = 0; i <= widths.size(); i++) {
                boolean last = i == widths.size();
                int end = last ? 0 : start + widths.get(i);
                rows.add(
                    String.join(
                        ",",
                        pair,
                        from,
                        model,
                        currency,
                        Integer.toString(start),
                        last ? "" : Integer.toString(end),
                        prices.get(i).toPlainString()));
                start = end;
              }
              return rows;
            });
  }

  /** One field of one row replaced by a hostile value. */
  private static Arbitrary<List<String>> mutated(List<String> rows) {
    return Combinators.combine(
            Arbitraries.integers().between(0, rows.size() - 1),
            Arbitraries.integers().between(0, 6),
            Arbitraries.of(HOSTILE))
        .as(
            (row, field, value) -> {
              List<String> copy = new ArrayList<>(rows);
              String[] fields = copy.get(row).split(",", -1);
              fields[field] = value;
              copy.set(row, String.join(",", fields));
              return copy;
            });
  }

  private static TestDatabase database() {
    try {
      return PostgresExtension.newDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

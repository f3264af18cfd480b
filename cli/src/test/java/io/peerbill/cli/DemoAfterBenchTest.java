package io.peerbill.cli;

import static io.peerbill.cli.PeerbillCliTest.peerbill;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.cli.PeerbillCliTest.Result;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a bench leaves nothing behind that the user's next command sees. {@code bench stream}
 * and then {@code demo} in one home print the bills, alerts and input of {@code demo} in a fresh
 * home (not 10,005 lines instead of 5).
 */
class DemoAfterBenchTest {

  private static final Pattern RESOURCE_ID = Pattern.compile("\\b(pcx|vpc)-[a-z0-9]{8}\\b");

  @Test
  void demoAfterABenchStreamPrintsWhatItPrintsOnAFreshHome(
      @TempDir Path fresh, @TempDir Path benched) throws Exception {
    Result bench =
        peerbill(
            Map.of("PEERBILL_HOME", benched.toString()),
            "bench",
            "stream",
            "--connections",
            "20",
            "--span",
            "10m",
            "--sinks",
            "postgres");
    assertThat(bench.exit()).as(bench.err()).isZero();

    String afterBench = demo(benched);
    String onFreshHome = demo(fresh);

    assertThat(afterBench).contains("lines: 4 BILLED, 1 FREE").isEqualTo(onFreshHome);
  }

  /** The demo's report at 5-minute samples, without what differs between two homes. */
  private static String demo(Path home) throws Exception {
    Result demo = peerbill(Map.of("PEERBILL_HOME", home.toString()), "demo", "--interval", "300");
    assertThat(demo.exit()).as(demo.err()).isZero();
    StringBuilder report = new StringBuilder();
    for (String line : demo.out().split("\n")) {
      if (line.startsWith("peerbill demo: ") || line.strip().startsWith("done in ")) {
        continue; // the database's port, timings
      }
      report.append(line.replace(home.toString(), "HOME")).append('\n');
    }
    return numberedIds(report.toString());
  }

  /** Resource ids are random: each is replaced by its order of first appearance. */
  private static String numberedIds(String text) {
    Map<String, String> names = new LinkedHashMap<>();
    Matcher ids = RESOURCE_ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (ids.find()) {
      String name =
          names.computeIfAbsent(ids.group(), id -> ids.group(1) + "-#" + (names.size() + 1));
      ids.appendReplacement(out, Matcher.quoteReplacement(name));
    }
    ids.appendTail(out);
    return out.toString();
  }
}

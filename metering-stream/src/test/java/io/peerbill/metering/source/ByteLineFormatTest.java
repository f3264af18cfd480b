package io.peerbill.metering.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as the file source hands them to the parser: every line once, without its break. */
class ByteLineFormatTest {

  @Test
  void splitsOnNewlinesAndDropsACarriageReturnBeforeThem() throws IOException {
    assertThat(lines("a\nbb\r\n\nccc")).containsExactly("a", "bb", "", "ccc");
  }

  @Test
  void aFinalNewlineEndsTheLastLineWithoutAddingAnEmptyOne() throws IOException {
    assertThat(lines("a\nb\n")).containsExactly("a", "b");
    assertThat(lines("")).isEmpty();
  }

  @Test
  void aLineLongerThanTheReadBufferComesWhole() throws IOException {
    String longLine = "x".repeat(200_000);
    assertThat(lines("a\n" + longLine + "\r\nb")).containsExactly("a", longLine, "b");
  }

  @Test
  void aLineBeyondTheLimitIsCutThereAndTheNextLineIsIntact() throws IOException {
    String huge = "{" + "x".repeat(ByteLineFormat.MAX_LINE * 3);
    List<String> lines = lines(huge + "\n{\"next\":1}\n");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).hasSize(ByteLineFormat.MAX_LINE).startsWith("{x");
    assertThat(lines.get(1)).isEqualTo("{\"next\":1}");
  }

  @Test
  void keepsBytesThatAreNotUtf8ForTheParserToReject() throws IOException {
    byte[] input = {'{', (byte) 0xC3, '}', '\n'};
    try (var reader = new ByteLineFormat.LineReader(new ByteArrayInputStream(input))) {
      assertThat(reader.read()).containsExactly('{', (byte) 0xC3, '}');
      assertThat(reader.read()).isNull();
    }
  }

  private static List<String> lines(String text) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var reader =
        new ByteLineFormat.LineReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
      for (byte[] line = reader.read(); line != null; line = reader.read()) {
        lines.add(new String(line, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }
}

package io.peerbill.metering.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One input record as it arrived, before parsing: its bytes and where it came from, so that a
 * rejection can name its origin and a replay of the same position is recognised. The bytes are
 * parsed as they are (UTF-8 JSON); they become text only when the record is rejected.
 *
 * @param source the input: {@code file:/path/to/file} or {@code kafka:topic}
 * @param position where in the input: the line number in a file, {@code partition:offset} in Kafka
 * @param bytes the raw line (without its line break) or message value
 */
public record RawRecord(String source, String position, byte[] bytes) {

  public RawRecord(String source, String position, String text) {
    this(source, position, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The record as text; bytes that are not UTF-8 show as U+FFFD, so any input can be stored. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawRecord r
        && source.equals(r.source)
        && position.equals(r.position)
        && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * source.hashCode() + position.hashCode()) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RawRecord[" + source + " @ " + position + ": " + text() + "]";
  }
}

package io.peerbill.metering.cli;

import java.nio.file.Path;

/** {@code file:PATH} or {@code kafka:TOPIC}, as given to {@code --source}. */
public record SourceSpec(String kind, String target) {

  public static SourceSpec parse(String text) {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String target = colon < 0 ? "" : text.substring(colon + 1);
    if (!(kind.equals("file") || kind.equals("kafka")) || target.isBlank()) {
      throw new IllegalArgumentException(
          "--source must be file:PATH or kafka:TOPIC, got '" + text + "'");
    }
    return new SourceSpec(kind, target);
  }

  public boolean isFile() {
    return kind.equals("file");
  }

  public Path path() {
    return Path.of(target);
  }
}

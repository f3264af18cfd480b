package io.peerbill.metering.model;

/**
 * One input record as it arrived, before parsing: the text and where it came from, so that a
 * rejection can name its origin and a replay of the same position is recognised.
 *
 * @param source the input: {@code file:/path/to/file} or {@code kafka:topic}
 * @param position where in the input: the line number in a file, {@code partition:offset} in Kafka
 * @param text the raw line or message value
 */
public record RawRecord(String source, String position, String text) {}

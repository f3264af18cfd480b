package io.peerbill.metering.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.peerbill.alerting.TrafficCounts;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.RejectReason;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.source.ByteLineFormat;
import java.io.IOException;

/**
 * Parses wire format v1 and checks what a record can be judged on alone: shape, required fields,
 * counter signs, interval bounds and future timestamps. Unknown fields are ignored (forward
 * compatible); a repeated field keeps its last value.
 */
public final class SampleParser {

  public static final int MAX_INTERVAL_MS = 300_000;

  /** Bytes one direction of a 400 Gbit/s link carries in a millisecond. */
  public static final long MAX_BYTES_PER_MS = 400_000_000_000L / 8 / 1000;

  /** Packets of that link in a millisecond, were every packet 64 bytes. */
  public static final long MAX_PACKETS_PER_MS = MAX_BYTES_PER_MS / 64;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(40).build())
          .build();
  private static final String[] FIELDS = {
    "connection_id",
    "reporter",
    "seq",
    "ts",
    "interval_ms",
    "in_bytes",
    "out_bytes",
    "in_packets",
    "out_packets",
    "in_dropped",
    "out_dropped"
  };

  private final long futureToleranceMs;

  /**
   * @param futureToleranceMs how far past the clock a sample's {@code ts} may lie (clock skew)
   */
  public SampleParser(long futureToleranceMs) {
    this.futureToleranceMs = futureToleranceMs;
  }

  public Sample parse(RawRecord record, long nowMillis) throws InvalidSampleException {
    if (record.bytes().length >= ByteLineFormat.MAX_LINE) {
      // A file line this long was cut there: what is left may look whole (an object followed by
      // blanks), but the line as it was sent is not a sample.
      throw malformed(
          "longer than a sample line may be ("
              + record.bytes().length
              + " bytes kept, at most "
              + (ByteLineFormat.MAX_LINE - 1)
              + ")");
    }
    String[] text = new String[2];
    long[] numbers = new long[FIELDS.length];
    boolean[] seen = new boolean[FIELDS.length];
    // The byte parser reads UTF-8 as it arrived and matches field names as canonical symbols,
    // where decoding to a String first and parsing chars cost twice as much per record.
    try (JsonParser p = JSON.createParser(record.bytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("not a JSON object");
      }
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        int field = indexOf(name);
        JsonToken value = p.nextToken();
        if (field < 0) {
          p.skipChildren();
          continue;
        }
        if (value == JsonToken.VALUE_NULL) {
          seen[field] = false;
          continue;
        }
        if (field < 2) {
          if (value != JsonToken.VALUE_STRING) {
            throw malformed(FIELDS[field] + " is not a string");
          }
          text[field] = p.getText();
          seen[field] = !text[field].isBlank();
        } else {
          if (value != JsonToken.VALUE_NUMBER_INT
              || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw malformed(FIELDS[field] + " is not a 64-bit integer");
          }
          numbers[field] = p.getLongValue();
          seen[field] = true;
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw malformed("trailing content after the JSON object");
      }
    } catch (IOException e) {
      throw malformed("not valid JSON: " + firstLine(e.getMessage()));
    }
    for (int i = 0; i < FIELDS.length; i++) {
      if (!seen[i]) {
        throw new InvalidSampleException(RejectReason.MISSING_FIELD, "missing " + FIELDS[i]);
      }
    }
    return check(record, text, numbers, nowMillis);
  }

  private Sample check(RawRecord record, String[] text, long[] n, long nowMillis)
      throws InvalidSampleException {
    if (n[2] < 0) {
      throw malformed("seq is negative");
    }
    for (int i = 5; i < FIELDS.length; i++) {
      if (n[i] < 0) {
        throw new InvalidSampleException(
            RejectReason.NEGATIVE_COUNTER, FIELDS[i] + " is negative: " + n[i]);
      }
    }
    if (n[4] <= 0 || n[4] > MAX_INTERVAL_MS) {
      throw new InvalidSampleException(
          RejectReason.BAD_INTERVAL,
          "interval_ms must be in (0, " + MAX_INTERVAL_MS + "], got " + n[4]);
    }
    if (n[3] <= n[4]) {
      throw malformed("ts is not an epoch millisecond after 1970: " + n[3]);
    }
    Sample sample =
        new Sample(
            text[0],
            text[1],
            n[2],
            n[3],
            (int) n[4],
            new TrafficCounts(n[5], n[6], n[7], n[8], n[9], n[10]),
            record.source(),
            record.position());
    for (int i = 5; i < FIELDS.length; i++) {
      long limit = n[4] * (i < 7 ? MAX_BYTES_PER_MS : MAX_PACKETS_PER_MS);
      if (n[i] > limit) {
        throw new InvalidSampleException(
            RejectReason.IMPLAUSIBLE_COUNTER,
            FIELDS[i]
                + " = "
                + n[i]
                + " is more than a 400 Gbit/s link carries in "
                + n[4]
                + " ms (at most "
                + limit
                + ")",
            sample);
      }
    }
    if (n[3] > nowMillis + futureToleranceMs) {
      throw new InvalidSampleException(
          RejectReason.FUTURE_TIMESTAMP,
          "ts " + n[3] + " is more than " + futureToleranceMs + " ms ahead of the clock",
          sample);
    }
    return sample;
  }

  private static int indexOf(String name) {
    return switch (name) {
      case "connection_id" -> 0;
      case "reporter" -> 1;
      case "seq" -> 2;
      case "ts" -> 3;
      case "interval_ms" -> 4;
      case "in_bytes" -> 5;
      case "out_bytes" -> 6;
      case "in_packets" -> 7;
      case "out_packets" -> 8;
      case "in_dropped" -> 9;
      case "out_dropped" -> 10;
      default -> -1;
    };
  }

  private static InvalidSampleException malformed(String detail) {
    return new InvalidSampleException(RejectReason.MALFORMED, detail);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}

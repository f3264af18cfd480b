package io.peerbill.metering.validate;

import static io.peerbill.metering.MeteringFixtures.CONNECTION;
import static io.peerbill.metering.MeteringFixtures.ONE_MINUTE_LATER;
import static io.peerbill.metering.MeteringFixtures.json;
import static io.peerbill.metering.MeteringFixtures.raw;
import static io.peerbill.metering.MeteringFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.RejectReason;
import io.peerbill.metering.model.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wire format v1 (DESIGN.md): what parses, and the reason code of what does not. */
class SampleParserTest {

  private static final long NOW = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  private final SampleParser parser = new SampleParser(300_000);

  @Test
  void parsesEveryFieldOfAWellFormedSample_D4() throws Exception {
    Sample written = sample(CONNECTION, "gw-gz-01", 18234, ONE_MINUTE_LATER, 750_000_000, 912_000);
    Sample read = parser.parse(raw(written), NOW);
    assertThat(read).isEqualTo(written);
    assertThat(read.countedAt()).isEqualTo(ONE_MINUTE_LATER.toEpochMilli() - 1);
  }

  @Test
  void ignoresUnknownFieldsForForwardCompatibility() throws Exception {
    String line =
        json(sample(CONNECTION, "gw", 1, ONE_MINUTE_LATER, 10, 20))
            .replace("{", "{\"schema\":{\"v\":[1,2]},\"note\":\"x\",");
    assertThat(parser.parse(raw(line), NOW).counts().inBytes()).isEqualTo(10);
  }

  @Test
  void rejectsBytesThatAreNotUtf8AsMalformedAndKeepsThemReadable() {
    byte[] line =
        json(sample(CONNECTION, "gw", 1, ONE_MINUTE_LATER, 10, 20))
            .replace("\"gw\"", "\"g?\"")
            .getBytes(StandardCharsets.UTF_8);
    line[indexOf(line, (byte) '?')] = (byte) 0xC3; // a lead byte with no continuation
    RawRecord record = new RawRecord("test", "1", line);

    InvalidSampleException e =
        catchThrowableOfType(InvalidSampleException.class, () -> parser.parse(record, NOW));

    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(record.text()).contains("\"g\uFFFD\"");
  }

  @Test
  void readsMultiByteUtf8InTextFields() throws Exception {
    String line = json(sample(CONNECTION, "gw-广州-01", 1, ONE_MINUTE_LATER, 10, 20));
    assertThat(parser.parse(raw(line), NOW).reporter()).isEqualTo("gw-广州-01");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + (char) b);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all|MALFORMED",
        "''|MALFORMED",
        "[1,2,3]|MALFORMED",
        "{\"connection_id\":\"pcx-a\"|MALFORMED",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":\"12\",\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|MALFORMED",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":1.5,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|MALFORMED",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":99999999999999999999,\"out_bytes\":0,"
            + "\"in_packets\":0,\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|MALFORMED",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0} trailing|MALFORMED",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|MISSING_FIELD",
        "{\"connection_id\":\"  \",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|MISSING_FIELD",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":null,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|MISSING_FIELD",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":60000,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":-3,\"out_dropped\":0}|NEGATIVE_COUNTER",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":0,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|BAD_INTERVAL",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1764050700000,"
            + "\"interval_ms\":300001,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|BAD_INTERVAL",
        "{\"connection_id\":\"pcx-aaaaaaaa\",\"reporter\":\"gw\",\"seq\":1,\"ts\":1795694700001,"
            + "\"interval_ms\":60000,\"in_bytes\":1,\"out_bytes\":0,\"in_packets\":0,"
            + "\"out_packets\":0,\"in_dropped\":0,\"out_dropped\":0}|FUTURE_TIMESTAMP",
      })
  void rejectsWithTheReasonCode(String line, RejectReason reason) {
    InvalidSampleException e =
        catchThrowableOfType(InvalidSampleException.class, () -> parser.parse(raw(line), NOW));
    assertThat(e).as(line).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void acceptsATimestampWithinTheClockSkewTolerance() throws Exception {
    Sample s = sample(CONNECTION, "gw", 1, Instant.ofEpochMilli(NOW + 300_000), 1, 1);
    assertThat(parser.parse(raw(s), NOW).ts()).isEqualTo(NOW + 300_000);
  }
}

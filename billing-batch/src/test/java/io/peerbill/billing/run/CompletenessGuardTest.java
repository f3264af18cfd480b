package io.peerbill.billing.run;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.billing.BillingDay;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * G4: the completeness billing waits for is the slowest running writer's, over every subtask of
 * every stream job; a bounded run that finished holds nothing back.
 */
@ExtendWith(PostgresExtension.class)
class CompletenessGuardTest {

  static final BillingDay DAY = new BillingDay(LocalDate.of(2026, 11, 25), ZoneId.of("UTC"));
  static final Instant DAY_END = Instant.parse("2026-11-26T00:00:00Z");

  private static void mark(DSLContext sql, String stream, int writer, Instant at, boolean done) {
    sql.insertInto(METERING_WATERMARK)
        .set(METERING_WATERMARK.STREAM, stream)
        .set(METERING_WATERMARK.WRITER, writer)
        .set(METERING_WATERMARK.COMPLETE_UNTIL, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .set(METERING_WATERMARK.FINISHED, done)
        .execute();
  }

  @Test
  void oneSubtaskBehindHoldsTheDayBackHoweverFarTheOthersAre_G4(TestDatabase db) {
    DSLContext sql = db.dsl();
    CompletenessGuard guard = new CompletenessGuard(sql);
    mark(sql, "kafka:samples:[0]", 0, DAY_END.plus(Duration.ofHours(3)), false);
    mark(sql, "kafka:samples:[0]", 1, DAY_END.plus(Duration.ofHours(3)), false);
    mark(sql, "kafka:samples:[1]", 0, DAY_END.minus(Duration.ofMinutes(5)), false);

    assertThatThrownBy(() -> guard.check(DAY))
        .isInstanceOf(CompletenessGuard.DayNotCompleteException.class)
        .hasMessageContaining("complete until 2026-11-25T23:55:00Z");

    sql.update(METERING_WATERMARK)
        .set(METERING_WATERMARK.COMPLETE_UNTIL, OffsetDateTime.ofInstant(DAY_END, ZoneOffset.UTC))
        .where(METERING_WATERMARK.STREAM.eq("kafka:samples:[1]"))
        .execute();
    assertThatCode(() -> guard.check(DAY)).doesNotThrowAnyException();
  }

  @Test
  void finishedReplayDoesNotHoldARunningStreamBackNorVouchForIt_G4(TestDatabase db) {
    DSLContext sql = db.dsl();
    CompletenessGuard guard = new CompletenessGuard(sql);
    mark(sql, "file:/backfill/old.jsonl", 0, DAY_END.minus(Duration.ofDays(20)), true);
    mark(sql, "kafka:samples", 0, DAY_END.minus(Duration.ofHours(1)), false);
    mark(sql, "file:/backfill/new.jsonl", 0, DAY_END.plus(Duration.ofDays(1)), true);

    assertThatThrownBy(() -> guard.check(DAY))
        .hasMessageContaining("complete until 2026-11-25T23:00:00Z");

    sql.deleteFrom(METERING_WATERMARK).where(METERING_WATERMARK.FINISHED.isFalse()).execute();
    assertThatCode(() -> guard.check(DAY)).doesNotThrowAnyException();
  }
}

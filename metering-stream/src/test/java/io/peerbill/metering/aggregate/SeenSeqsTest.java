package io.peerbill.metering.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The seen-seq ranges behind duplicate detection (wire format v1: a repeated id counts once). */
class SeenSeqsTest {

  private static final long HOUR = 3_600_000;

  @Test
  void consecutiveSeqsStayOneRangeAndRepeatsAreRecognised_D4() {
    SeenSeqs seqs = new SeenSeqs();
    for (long seq = 1; seq <= 1000; seq++) {
      assertThat(seqs.add(seq, seq * 60_000, HOUR)).isTrue();
    }
    assertThat(seqs.size).isEqualTo(1);
    assertThat(seqs.add(500, 1000 * 60_000, HOUR)).isFalse();
    assertThat(seqs.add(1000, 1000 * 60_000, HOUR)).isFalse();
  }

  @Test
  void gapsAreKeptApartAndMergedWhenFilled_D4() {
    SeenSeqs seqs = new SeenSeqs();
    for (long seq : new long[] {10, 12, 14, 3}) {
      assertThat(seqs.add(seq, 0, HOUR)).isTrue();
    }
    assertThat(seqs.size).isEqualTo(4);
    assertThat(seqs.add(11, 0, HOUR)).isTrue();
    assertThat(seqs.add(13, 0, HOUR)).isTrue();
    assertThat(seqs.size).isEqualTo(2);
    for (long seq : new long[] {3, 10, 11, 12, 13, 14}) {
      assertThat(seqs.add(seq, 0, HOUR)).as("seq %d", seq).isFalse();
    }
    assertThat(seqs.add(4, 0, HOUR)).isTrue();
    assertThat(seqs.add(9, 0, HOUR)).isTrue();
    assertThat(seqs.add(2, 0, HOUR)).isTrue();
    assertThat(seqs.add(15, 0, HOUR)).isTrue();
    assertThat(seqs.add(0, 0, HOUR)).isTrue();
    assertThat(seqs.size).as("[0] [2..4] [9..15]").isEqualTo(3);
  }

  @Test
  void aRangeUntouchedForTheHorizonIsForgottenWhileTheActiveOneIsKept() {
    SeenSeqs seqs = new SeenSeqs();
    seqs.add(1, 0, HOUR);
    seqs.add(100, 30 * 60_000, HOUR);
    seqs.add(101, HOUR + 1, HOUR);
    assertThat(seqs.size).isEqualTo(1);
    assertThat(seqs.add(1, HOUR + 1, HOUR)).as("forgotten: counts again").isTrue();
    assertThat(seqs.add(100, HOUR + 1, HOUR)).isFalse();
  }

  @Test
  void aLateSeqIsRememberedFromWhenItArrivedNotFromItsOwnTime() {
    SeenSeqs seqs = new SeenSeqs();
    seqs.add(500, 5 * HOUR, HOUR);
    assertThat(seqs.add(7, 0, HOUR)).isTrue();
    assertThat(seqs.add(7, 5 * HOUR + 1, HOUR)).isFalse();
  }
}

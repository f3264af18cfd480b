package io.peerbill.metering.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Seqs as the ledger keeps them: a steady gateway is one range, gaps make more, repeats none. */
class SeqRangesTest {

  @Test
  void consecutiveSeqsInAnyOrderAreOneRangeAndGapsSplitIt() {
    SeqRanges r = SeqRanges.of(new long[] {7, 5, 6, 6, 9, 10, 12}, 7);
    assertThat(r.size).isEqualTo(3);
    assertThat(r.lo).startsWith(5, 9, 12);
    assertThat(r.hi).startsWith(7, 10, 12);
    assertThat(r.contains(5)).isTrue();
    assertThat(r.contains(7)).isTrue();
    assertThat(r.contains(8)).isFalse();
    assertThat(r.contains(11)).isFalse();
    assertThat(r.contains(12)).isTrue();
    assertThat(r.contains(4)).isFalse();
    assertThat(r.contains(13)).isFalse();
  }

  @Test
  void noSeqsAreNoRanges() {
    assertThat(SeqRanges.of(new long[0], 0).contains(0)).isFalse();
  }
}

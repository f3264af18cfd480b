package io.peerbill.metering.sink;

import java.util.Arrays;

/**
 * Sample seqs as ranges of consecutive values, [lo, hi] inclusive, ascending and disjoint: the form
 * the ledger keeps them in ({@code int8multirange}), and in which a steady gateway's batch is one
 * range.
 */
final class SeqRanges {

  final long[] lo;
  final long[] hi;
  final int size;

  private SeqRanges(long[] lo, long[] hi, int size) {
    this.lo = lo;
    this.hi = hi;
    this.size = size;
  }

  /** The ranges of {@code seqs[0..n)} (sorted in place; repeats collapse). */
  static SeqRanges of(long[] seqs, int n) {
    Arrays.sort(seqs, 0, n);
    long[] lo = new long[Math.max(1, n)];
    long[] hi = new long[Math.max(1, n)];
    int size = 0;
    for (int i = 0; i < n; i++) {
      if (size > 0 && seqs[i] <= hi[size - 1] + 1) {
        hi[size - 1] = Math.max(hi[size - 1], seqs[i]);
      } else {
        lo[size] = seqs[i];
        hi[size] = seqs[i];
        size++;
      }
    }
    return new SeqRanges(lo, hi, size);
  }

  /** Ranges given as they come from PostgreSQL, ascending. */
  static SeqRanges of(long[] lo, long[] hi) {
    return new SeqRanges(lo, hi, lo.length);
  }

  boolean contains(long seq) {
    int i = Arrays.binarySearch(lo, 0, size, seq);
    if (i >= 0) {
      return true;
    }
    int before = -i - 2;
    return before >= 0 && seq <= hi[before];
  }
}

package io.peerbill.metering.aggregate;

import java.util.Arrays;

/**
 * The sample seqs one reporter has sent for one connection, as sorted ranges of consecutive seqs: a
 * gateway counts up, so in the usual case the whole history is one range, whatever its length. Each
 * range remembers the reporter's event time when it last grew; ranges untouched for longer than the
 * horizon are forgotten, which keeps the state bounded even when seqs have gaps.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so state backends serialize it without Kryo.
 */
public final class SeenSeqs {

  /** First and last seq of each range, ascending and disjoint (not even adjacent). */
  public long[] from = new long[2];

  public long[] to = new long[2];

  /** The reporter's event time ({@link #newest}) when each range last grew. */
  public long[] touched = new long[2];

  public int size;

  /** The newest event time (sample counted-at instant) seen from this reporter. */
  public long newest = Long.MIN_VALUE;

  /** No range was touched before this instant; pruning before it would find nothing. */
  public long oldestTouched = Long.MAX_VALUE;

  public SeenSeqs() {}

  /**
   * Records {@code seq} as seen at event time {@code at}; returns false if it was seen already.
   * Ranges not touched within {@code horizonMs} of the newest event time are forgotten first.
   */
  public boolean add(long seq, long at, long horizonMs) {
    newest = Math.max(newest, at);
    forgetUntouchedBefore(newest - horizonMs);
    int i = Arrays.binarySearch(from, 0, size, seq);
    if (i >= 0) {
      return false;
    }
    int next = -i - 1; // first range starting after seq
    int prev = next - 1;
    if (prev >= 0 && seq <= to[prev]) {
      return false;
    }
    boolean joinsPrev = prev >= 0 && to[prev] == seq - 1;
    boolean joinsNext = next < size && from[next] == seq + 1;
    if (joinsPrev && joinsNext) {
      to[prev] = to[next];
      touched[prev] = newest;
      remove(next);
    } else if (joinsPrev) {
      to[prev] = seq;
      touched[prev] = newest;
    } else if (joinsNext) {
      from[next] = seq;
      touched[next] = newest;
    } else {
      insert(next, seq);
    }
    oldestTouched = Math.min(oldestTouched, newest);
    return true;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Forgets every range last touched before {@code cutoff}. */
  public void forgetUntouchedBefore(long cutoff) {
    if (oldestTouched >= cutoff) {
      return;
    }
    int kept = 0;
    long oldest = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      if (touched[i] >= cutoff) {
        from[kept] = from[i];
        to[kept] = to[i];
        touched[kept] = touched[i];
        oldest = Math.min(oldest, touched[i]);
        kept++;
      }
    }
    size = kept;
    oldestTouched = oldest;
  }

  private void insert(int at, long seq) {
    if (size == from.length) {
      int capacity = size * 2;
      from = Arrays.copyOf(from, capacity);
      to = Arrays.copyOf(to, capacity);
      touched = Arrays.copyOf(touched, capacity);
    }
    System.arraycopy(from, at, from, at + 1, size - at);
    System.arraycopy(to, at, to, at + 1, size - at);
    System.arraycopy(touched, at, touched, at + 1, size - at);
    from[at] = seq;
    to[at] = seq;
    touched[at] = newest;
    size++;
  }

  private void remove(int at) {
    System.arraycopy(from, at + 1, from, at, size - at - 1);
    System.arraycopy(to, at + 1, to, at, size - at - 1);
    System.arraycopy(touched, at + 1, touched, at, size - at - 1);
    size--;
  }
}

package io.peerbill.metering.sink;

import io.peerbill.metering.aggregate.Buckets;
import io.peerbill.metering.model.Sample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of samples added to PostgreSQL exactly once, inside the caller's transaction: the
 * ledger rows of the batch's (connection, reporter, day) keys are locked and asked which of the
 * batch's seqs they hold already (usually none); the rest are summed here, per bucket, and added to
 * traffic_5m (and traffic_1m when kept), and their seqs to the ledger. PostgreSQL sees keys, seq
 * ranges and one row per bucket, never a row per sample; the row locks, held to the commit, make a
 * concurrent writer of the same keys wait for this one and then see its seqs.
 */
final class LedgerBatch {

  record Key(String connection, String reporter, int day) {}

  private record Bucket(String connection, long start) {}

  /** Per key, its samples in seq order, a repeat of a seq inside the batch left out. */
  private final Map<Key, List<Sample>> byKey = new LinkedHashMap<>();

  LedgerBatch(List<Sample> samples) {
    for (Sample s : samples) {
      byKey.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
    }
    for (List<Sample> ofKey : byKey.values()) {
      ofKey.sort(BY_SEQ);
      int kept = 0;
      for (int i = 0; i < ofKey.size(); i++) {
        if (kept == 0 || ofKey.get(kept - 1).seq() != ofKey.get(i).seq()) {
          ofKey.set(kept++, ofKey.get(i));
        }
      }
      ofKey.subList(kept, ofKey.size()).clear();
    }
  }

  private static final Comparator<Sample> BY_SEQ = Comparator.comparingLong(Sample::seq);

  java.util.Set<Key> keys() {
    return byKey.keySet();
  }

  static Key key(Sample s) {
    return new Key(s.connectionId(), s.reporter(), (int) Math.floorDiv(s.countedAt(), 86_400_000L));
  }

  /** Adds what the ledger does not hold yet; returns how many samples that was. */
  long add(Connection c, boolean minuteBuckets) throws SQLException {
    Map<Key, SeqRanges> held = lockAndFindCounted(c);
    Map<Bucket, long[]> minutes = minuteBuckets ? new HashMap<>() : null;
    Map<Bucket, long[]> fives = new HashMap<>();
    Map<Key, SeqRanges> added = new LinkedHashMap<>();
    long fresh = 0;
    for (Map.Entry<Key, List<Sample>> e : byKey.entrySet()) {
      SeqRanges before = held.get(e.getKey());
      long[] seqs = new long[e.getValue().size()];
      int n = 0;
      for (Sample s : e.getValue()) {
        if (before != null && before.contains(s.seq())) {
          continue;
        }
        seqs[n++] = s.seq();
        if (minutes != null) {
          sum(minutes, new Bucket(s.connectionId(), start(s, Buckets.MINUTE_MS)), s);
        }
        sum(fives, new Bucket(s.connectionId(), start(s, Buckets.FIVE_MINUTES_MS)), s);
      }
      if (n > 0) {
        added.put(e.getKey(), SeqRanges.of(seqs, n));
        fresh += n;
      }
    }
    if (fresh > 0) {
      write(c, minutes, fives, added);
    }
    return fresh;
  }

  private static long start(Sample s, long length) {
    return Buckets.start(s.countedAt(), length);
  }

  private static void sum(Map<Bucket, long[]> buckets, Bucket bucket, Sample s) {
    long[] v = buckets.computeIfAbsent(bucket, b -> new long[7]);
    s.counts().addTo(v, 0);
    v[6]++;
  }

  /** The batch's seqs each key's ledger row holds already, the rows locked until commit. */
  private Map<Key, SeqRanges> lockAndFindCounted(Connection c) throws SQLException {
    Map<Key, SeqRanges> batch = new LinkedHashMap<>();
    for (Map.Entry<Key, List<Sample>> e : byKey.entrySet()) {
      long[] seqs = e.getValue().stream().mapToLong(Sample::seq).toArray();
      batch.put(e.getKey(), SeqRanges.of(seqs, seqs.length));
    }
    Map<Key, List<long[]>> overlaps = new HashMap<>();
    try (PreparedStatement lock = c.prepareStatement(LedgerSql.LOCK_AND_FIND_COUNTED)) {
      bindRanges(lock, 1, batch);
      try (ResultSet rs = lock.executeQuery()) {
        while (rs.next()) {
          Key key = new Key(rs.getString(1), rs.getString(2), rs.getInt(3));
          overlaps
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(new long[] {rs.getLong(4), rs.getLong(5)});
        }
      }
    }
    Map<Key, SeqRanges> held = new HashMap<>();
    overlaps.forEach(
        (key, ranges) ->
            held.put(
                key,
                SeqRanges.of(
                    ranges.stream().mapToLong(r -> r[0]).toArray(),
                    ranges.stream().mapToLong(r -> r[1]).toArray())));
    return held;
  }

  private static void write(
      Connection c,
      Map<Bucket, long[]> minutes,
      Map<Bucket, long[]> fives,
      Map<Key, SeqRanges> added)
      throws SQLException {
    try (PreparedStatement add =
        c.prepareStatement(minutes == null ? LedgerSql.ADD : LedgerSql.ADD_WITH_MINUTES)) {
      int p = minutes == null ? 1 : bindBuckets(add, 1, minutes);
      p = bindBuckets(add, p, fives);
      bindRanges(add, p, added);
      add.executeUpdate();
    }
  }

  /** Seq ranges per key as 5 arrays (connection, reporter, day, lo, hi), a row per range. */
  private static void bindRanges(PreparedStatement statement, int first, Map<Key, SeqRanges> keys)
      throws SQLException {
    List<String> connections = new ArrayList<>();
    List<String> reporters = new ArrayList<>();
    List<Integer> days = new ArrayList<>();
    List<Long> lo = new ArrayList<>();
    List<Long> hi = new ArrayList<>();
    keys.forEach(
        (key, ranges) -> {
          for (int i = 0; i < ranges.size; i++) {
            connections.add(key.connection());
            reporters.add(key.reporter());
            days.add(key.day());
            lo.add(ranges.lo[i]);
            hi.add(ranges.hi[i]);
          }
        });
    statement.setObject(first, connections.toArray(String[]::new));
    statement.setObject(first + 1, reporters.toArray(String[]::new));
    statement.setObject(first + 2, days.stream().mapToInt(Integer::intValue).toArray());
    statement.setObject(first + 3, lo.stream().mapToLong(Long::longValue).toArray());
    statement.setObject(first + 4, hi.stream().mapToLong(Long::longValue).toArray());
  }

  /** One table's bucket sums as 9 arrays (connection, start, six counters, samples). */
  private static int bindBuckets(PreparedStatement add, int first, Map<Bucket, long[]> buckets)
      throws SQLException {
    int n = buckets.size();
    String[] ids = new String[n];
    long[][] numbers = new long[8][n];
    int i = 0;
    for (Map.Entry<Bucket, long[]> e : buckets.entrySet()) {
      ids[i] = e.getKey().connection();
      numbers[0][i] = e.getKey().start();
      for (int k = 0; k < 7; k++) {
        numbers[k + 1][i] = e.getValue()[k];
      }
      i++;
    }
    add.setObject(first, ids);
    for (int k = 0; k < numbers.length; k++) {
      add.setObject(first + 1 + k, numbers[k]);
    }
    return first + 1 + numbers.length;
  }
}

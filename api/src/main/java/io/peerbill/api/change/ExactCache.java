package io.peerbill.api.change;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Answers kept in memory that are never staler than the database once a change has been heard:
 * enabled only while {@link ChangeNotices} listens, and a change heard while an answer is being
 * loaded wins over that answer (the generation count), so a value read just before a change is
 * never kept. Bounded by a total weight; past it the cache starts over.
 */
public final class ExactCache<K, V> {

  private record Entry<V>(V value, int weight) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final AtomicLong weight = new AtomicLong();
  private final ToIntFunction<V> weigher;
  private final long maxWeight;
  private volatile boolean enabled;

  public ExactCache(ToIntFunction<V> weigher, long maxWeight) {
    this.weigher = weigher;
    this.maxWeight = maxWeight;
  }

  /** The kept answer for {@code key}, or {@code load}'s; a null answer is not kept. */
  public V get(K key, Supplier<V> load) {
    if (!enabled) {
      return load.get();
    }
    Entry<V> kept = entries.get(key);
    if (kept != null) {
      return kept.value();
    }
    long before = generation.get();
    V value = load.get();
    if (value != null) {
      keep(key, value, before);
    }
    return value;
  }

  private void keep(K key, V value, long before) {
    Entry<V> entry = new Entry<>(value, weigher.applyAsInt(value));
    if (weight.addAndGet(entry.weight()) > maxWeight) {
      forgetAll();
      return;
    }
    Entry<V> replaced = entries.put(key, entry);
    if (replaced != null) {
      weight.addAndGet(-replaced.weight());
    }
    if (generation.get() != before && entries.remove(key, entry)) {
      weight.addAndGet(-entry.weight());
    }
  }

  /** {@code key} changed: its next request loads it again. */
  public void forget(K key) {
    generation.incrementAndGet();
    Entry<V> removed = entries.remove(key);
    if (removed != null) {
      weight.addAndGet(-removed.weight());
    }
  }

  /** Something changed that any answer may depend on. */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
    weight.set(0);
  }

  /** Keep answers only while {@code on} (changes are heard); either way start empty. */
  public void enable(boolean on) {
    enabled = on;
    forgetAll();
  }
}

package io.peerbill.api.traffic;

import io.peerbill.api.change.ChangeNotices;
import io.peerbill.api.change.ExactCache;
import io.peerbill.api.traffic.TrafficController.Traffic;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage answers kept while nothing they read has changed: dashboards ask for the same days over and
 * over, and a day's buckets change only when the stream writes (or caps and states change). Every
 * such write is announced on {@link #CHANNEL} by the database's triggers (V62), and any change
 * heard drops every answer.
 */
@Component
public class TrafficAnswers {

  /** The channel V62's triggers notify. */
  public static final String CHANNEL = "peerbill_traffic";

  /** At most 64 MiB of answers (a day of 5-minute buckets is about 110 KiB). */
  private static final long MAX_BYTES = 64L << 20;

  record Query(String connectionId, Instant from, Instant to, TrafficPeriod period) {}

  private final ExactCache<Query, byte[]> cache = new ExactCache<>(json -> json.length, MAX_BYTES);
  private final JsonMapper json;

  /**
   * @param json the server's own mapper, so the answer is written as any other would be
   */
  public TrafficAnswers(JsonMapper json) {
    this.json = json;
  }

  /** The answer's JSON: kept, or {@code load}'s written now. */
  byte[] get(Query query, Supplier<Traffic> load) {
    return cache.get(query, () -> json.writeValueAsBytes(load.get()));
  }

  /** Hears the triggers' notices; also dropped after this server's own writes. */
  public ChangeNotices.Subscriber subscriber() {
    return new ChangeNotices.Subscriber(cache::enable, payload -> cache.forgetAll());
  }

  public void forgetAll() {
    cache.forgetAll();
  }
}

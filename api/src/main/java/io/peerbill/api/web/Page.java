package io.peerbill.api.web;

import io.peerbill.api.error.ApiException;
import java.util.List;

/**
 * One page of a list: {@code items} from {@code offset}, at most {@code limit} of them, of {@code
 * total}; {@code next_offset} is where the next page starts (null on the last page).
 */
public record Page<T>(List<T> items, int offset, int limit, int total, Integer nextOffset) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** The page of {@code all} that {@code offset} and {@code limit} name (in the list's order). */
  public static <T> Page<T> of(List<T> all, Integer offset, Integer limit) {
    int from = offset == null ? 0 : offset;
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (from < 0) {
      throw ApiException.invalid("offset must be 0 or more, got " + from);
    }
    if (size < 1 || size > MAX_LIMIT) {
      throw ApiException.invalid("limit must be 1.." + MAX_LIMIT + ", got " + size);
    }
    int to = Math.min(all.size(), from + size);
    List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
    return new Page<>(items, from, size, all.size(), to < all.size() ? to : null);
  }
}

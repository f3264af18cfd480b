package io.peerbill.metering.validate;

import java.util.Arrays;

/**
 * What the stream knows of one peering connection: its tags, its ACTIVE intervals (from the view
 * {@code peering_active_interval}) and its effective-dated cap history (DOMAIN.md D3).
 *
 * @param activeFrom start of each ACTIVE interval, epoch ms, ascending
 * @param activeTo end of each interval (exclusive), {@code Long.MAX_VALUE} while still active
 * @param capFrom effective-from instants of the cap changes, ascending
 * @param capMbps the cap of each change
 * @param currentCapMbps the connection's current cap, used before the first recorded change; null
 *     for same-region connections (R16)
 */
public record ConnectionInfo(
    String id,
    String scope,
    String requesterRegion,
    String accepterRegion,
    String requesterAccountId,
    String accepterAccountId,
    long[] activeFrom,
    long[] activeTo,
    long[] capFrom,
    int[] capMbps,
    Integer currentCapMbps) {

  public boolean isActiveAt(long instant) {
    for (int i = 0; i < activeFrom.length; i++) {
      if (activeFrom[i] <= instant && instant < activeTo[i]) {
        return true;
      }
    }
    return false;
  }

  /** The cap in force at {@code instant}: the latest change effective at or before it. */
  public Integer capAt(long instant) {
    if (currentCapMbps == null) {
      return null;
    }
    int i = Arrays.binarySearch(capFrom, instant);
    int index = i >= 0 ? i : -i - 2;
    return index >= 0 ? capMbps[index] : currentCapMbps;
  }
}

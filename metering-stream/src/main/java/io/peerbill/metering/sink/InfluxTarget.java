package io.peerbill.metering.sink;

import java.io.Serializable;

/**
 * Where the monitoring series go (InfluxDB 2 write API) and how hard to try.
 *
 * @param attempts tries per batch before the job fails (visibly: a failed batch is never dropped)
 * @param firstBackoffMillis wait after the first failed try; doubled after each further one
 */
public record InfluxTarget(
    String url, String token, String org, String bucket, int attempts, long firstBackoffMillis)
    implements Serializable {

  public InfluxTarget {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  public static InfluxTarget of(String url, String token, String org, String bucket) {
    return new InfluxTarget(url, token, org, bucket, 5, 500);
  }
}

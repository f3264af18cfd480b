package io.peerbill.metering.alert;

import io.peerbill.alerting.PolicySnapshot;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * The source of policy snapshots: one read of the policies every refresh period (or a single one,
 * for a bounded run, so that the job still ends with its input).
 */
public final class PolicySource {

  private PolicySource() {}

  public static DataGeneratorSource<PolicySnapshot> of(AlertSettings settings, boolean once) {
    double perSecond = 1000.0 / Math.max(1, settings.policyRefresh().toMillis());
    // A single read needs no pacing: a rate limit would hold the finished source (and with it the
    // end of a bounded job) for a refresh period after its only snapshot.
    return new DataGeneratorSource<>(
        new PolicySnapshotGenerator(settings),
        once ? 1 : Long.MAX_VALUE,
        once ? RateLimiterStrategy.noOp() : RateLimiterStrategy.perSecond(perSecond),
        TypeInformation.of(PolicySnapshot.class));
  }

  /**
   * Policies have no event time: once the first snapshot is out, this input stops holding the job's
   * watermark back. Until then it does, so no period is evaluated without policies.
   */
  public static WatermarkStrategy<PolicySnapshot> watermarks() {
    return context ->
        new WatermarkGenerator<>() {
          private boolean seen;

          @Override
          public void onEvent(PolicySnapshot snapshot, long timestamp, WatermarkOutput output) {
            seen = true;
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
          }

          @Override
          public void onPeriodicEmit(WatermarkOutput output) {
            if (seen) {
              output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
          }
        };
  }
}

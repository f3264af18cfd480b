package io.peerbill.metering.testkit;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The in-process Flink cluster the job tests run on: one task manager, as many slots as the highest
 * parallelism a test class runs. Register it with {@code @RegisterExtension}; jobs the test builds
 * with {@code StreamExecutionEnvironment.getExecutionEnvironment} run on it.
 */
public final class FlinkMiniCluster {

  private FlinkMiniCluster() {}

  public static MiniClusterExtension withSlots(int slots) {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(slots)
            .build());
  }
}

package io.peerbill.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.source.KafkaSamples;
import io.peerbill.metering.source.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 for backfills: a bounded Kafka run keeps checkpointing (and so committing its group's offsets)
 * after the alert policies' source, read once, has finished; the kill test {@code StreamKillIT}
 * shows the effect, its kills right after a checkpoint landing in such runs.
 */
class MeteringEnvironmentTest {

  private static org.apache.flink.api.connector.source.Source<?, ?, ?> kafka(boolean bounded) {
    return KafkaSamples.source(
        "127.0.0.1:9", "samples", "group", "committed", bounded, Set.of(), new Properties());
  }

  @Test
  void aBoundedKafkaRunCheckpointsOnAfterItsPolicySourceHasFinished_G3() {
    assertThat(MeteringEnvironment.checkpointsAfterTasksFinish(kafka(true))).isTrue();
  }

  @TempDir Path dir;

  @Test
  void anUnboundedKafkaRunOrAFileRunDoesNotWaitForAFinalCheckpoint() throws Exception {
    // Unbounded: no task finishes. Files: nothing to commit, and no wait at the end of a replay.
    assertThat(MeteringEnvironment.checkpointsAfterTasksFinish(kafka(false))).isFalse();
    assertThat(
            MeteringEnvironment.checkpointsAfterTasksFinish(
                SampleFiles.source(Files.writeString(dir.resolve("samples.jsonl"), ""))))
        .isFalse();
  }
}

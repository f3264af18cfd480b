package io.peerbill.metering.alert;

import io.peerbill.alerting.PolicySnapshot;
import io.peerbill.alerting.PolicySnapshotLoader;
import io.peerbill.db.Database;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the policy snapshots of the policy source: each call reads the policies afresh. A failed
 * read (database away) repeats the last good snapshot, so the job keeps evaluating what it had;
 * only the very first read must succeed.
 */
final class PolicySnapshotGenerator implements GeneratorFunction<Long, PolicySnapshot> {

  private static final Logger LOG = LoggerFactory.getLogger(PolicySnapshotGenerator.class);

  private final AlertSettings settings;
  private transient Database db;
  private transient PolicySnapshot last;

  PolicySnapshotGenerator(AlertSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(SourceReaderContext context) {
    db = Database.open(settings.database());
  }

  @Override
  public PolicySnapshot map(Long index) {
    try {
      last = new PolicySnapshotLoader(db.dsl()).load();
    } catch (RuntimeException e) {
      if (last == null) {
        throw e;
      }
      LOG.warn(
          "keeping alert policies of revision {}: reload failed: {}",
          last.revision(),
          e.toString());
    }
    return last;
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}

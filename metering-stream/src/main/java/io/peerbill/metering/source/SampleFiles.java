package io.peerbill.metering.source;

import io.peerbill.metering.model.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSource;

/**
 * The replay / backfill / demo source: a JSON-lines file ({@code .gz} too) or a folder of them,
 * read once (bounded): the run ends when the input ends, every window flushed.
 *
 * <p>Files are read as one stream per reader, one file after another: a folder should hold
 * consecutive time ranges (e.g. one file per hour), because a file starting earlier than the
 * watermark its reader has reached is mostly late (counted, but missing from the monitoring
 * series).
 */
public final class SampleFiles {

  private SampleFiles() {}

  public static FileSource<RawRecord> source(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("no such file or folder: " + path);
    }
    return FileSource.forBulkFileFormat(
            new PositionedLineFormat(),
            new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri()))
        .setSplitAssigner(NameOrderedSplitAssigner::new)
        .build();
  }
}

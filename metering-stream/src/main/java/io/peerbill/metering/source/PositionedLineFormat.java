package io.peerbill.metering.source;

import io.peerbill.metering.model.RawRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * Reads JSON-lines files (gzip too, by the {@code .gz} suffix) as {@link RawRecord}s that know
 * their file and line number, so a rejection names where it came from and a replay of the same line
 * is recognised. Files are read whole (not split): the line number is then the count of records
 * read from the file, which Flink's reader tracks and checkpoints.
 */
public final class PositionedLineFormat implements BulkFormat<RawRecord, FileSourceSplit> {

  private final StreamFormatAdapter<byte[]> lines = new StreamFormatAdapter<>(new ByteLineFormat());

  @Override
  public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new Positioned(lines.createReader(config, split), sourceOf(split));
  }

  @Override
  public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new Positioned(lines.restoreReader(config, split), sourceOf(split));
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }

  private static String sourceOf(FileSourceSplit split) {
    return "file:" + split.path().getPath();
  }

  private record Positioned(Reader<byte[]> lines, String source) implements Reader<RawRecord> {

    @Override
    public RecordIterator<RawRecord> readBatch() throws IOException {
      RecordIterator<byte[]> batch = lines.readBatch();
      return batch == null ? null : new PositionedIterator(batch, source);
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  private record PositionedIterator(RecordIterator<byte[]> lines, String source)
      implements RecordIterator<RawRecord> {

    @Override
    public RecordAndPosition<RawRecord> next() {
      RecordAndPosition<byte[]> line = lines.next();
      if (line == null) {
        return null;
      }
      // Whole-file reading: the skip count is the number of records read, i.e. the line number.
      String lineNumber = Long.toString(line.getRecordSkipCount());
      return new RecordAndPosition<>(
          new RawRecord(source, lineNumber, line.getRecord()),
          line.getOffset(),
          line.getRecordSkipCount());
    }

    @Override
    public void releaseBatch() {
      lines.releaseBatch();
    }
  }
}

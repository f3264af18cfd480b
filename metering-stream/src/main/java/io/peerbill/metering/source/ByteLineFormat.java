package io.peerbill.metering.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Lines of a file as bytes, without their line break ({@code \n} or {@code \r\n}); a last line
 * without a break counts, an empty file has none. Flink's {@code TextLineInputFormat} decodes every
 * line into a {@code String} that the JSON parser then reads char by char; the sample parser reads
 * UTF-8 bytes directly, which is what makes it cheap.
 */
public final class ByteLineFormat extends SimpleStreamFormat<byte[]> {

  private static final int BUFFER = 1 << 16;

  /**
   * The most of one line that is kept: a sample is a few hundred bytes, and a file without line
   * breaks must not take the job's memory. A longer line comes out cut off here, so it is rejected
   * as MALFORMED with its first mebibyte stored.
   */
  public static final int MAX_LINE = 1 << 20;

  @Override
  public Reader<byte[]> createReader(Configuration config, FSDataInputStream stream) {
    return new LineReader(stream);
  }

  @Override
  public TypeInformation<byte[]> getProducedType() {
    return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
  }

  /** Reads lines from any stream (the bench's plain loop reads with it too). */
  public static final class LineReader implements Reader<byte[]> {
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int next;
    private int end;

    public LineReader(InputStream in) {
      this.in = in;
    }

    @Override
    public byte[] read() throws IOException {
      ByteArrayOutputStream carried = null; // a line that runs past the end of the buffer
      while (true) {
        if (next == end && !fill()) {
          return carried == null ? null : withoutCr(carried.toByteArray());
        }
        int from = next;
        int at = indexOfNewline(from);
        if (at >= 0) {
          next = at + 1;
          if (carried == null) {
            return withoutCr(Arrays.copyOfRange(buffer, from, at));
          }
          keep(carried, from, at);
          return withoutCr(carried.toByteArray());
        }
        if (carried == null) {
          carried = new ByteArrayOutputStream(2 * BUFFER);
        }
        keep(carried, from, end);
        next = end;
      }
    }

    /** Up to {@link #MAX_LINE} bytes of a line; the rest is skipped up to its line break. */
    private void keep(ByteArrayOutputStream line, int from, int to) {
      line.write(buffer, from, Math.max(0, Math.min(to - from, MAX_LINE - line.size())));
    }

    private boolean fill() throws IOException {
      int read = in.read(buffer, 0, buffer.length);
      next = 0;
      end = Math.max(read, 0);
      return read > 0;
    }

    private int indexOfNewline(int from) {
      for (int i = from; i < end; i++) {
        if (buffer[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private static byte[] withoutCr(byte[] line) {
      int n = line.length;
      return n > 0 && line[n - 1] == '\r' ? Arrays.copyOf(line, n - 1) : line;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

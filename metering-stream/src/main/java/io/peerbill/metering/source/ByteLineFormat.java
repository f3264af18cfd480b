package io.peerbill.metering.source;

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
      byte[] carried = null; // a line that runs past the end of the buffer
      while (true) {
        if (next == end && !fill()) {
          return carried == null ? null : withoutCr(carried, carried.length);
        }
        int from = next;
        int at = indexOfNewline(from);
        if (at >= 0) {
          next = at + 1;
          if (carried == null) {
            return withoutCr(buffer, from, at);
          }
          carried = append(carried, from, at);
          return withoutCr(carried, carried.length);
        }
        carried =
            carried == null ? Arrays.copyOfRange(buffer, from, end) : append(carried, from, end);
        next = end;
      }
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

    private byte[] append(byte[] carried, int from, int to) {
      byte[] joined = Arrays.copyOf(carried, carried.length + to - from);
      System.arraycopy(buffer, from, joined, carried.length, to - from);
      return joined;
    }

    private static byte[] withoutCr(byte[] bytes, int from, int to) {
      return Arrays.copyOfRange(bytes, from, to > from && bytes[to - 1] == '\r' ? to - 1 : to);
    }

    private static byte[] withoutCr(byte[] line, int length) {
      return length > 0 && line[length - 1] == '\r' ? Arrays.copyOf(line, length - 1) : line;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

package io.peerbill.tools.gen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Where generated lines go: one file, a folder of consecutive time ranges, or a Kafka topic. */
public final class SampleWriters {

  private SampleWriters() {}

  /** A sink of generated records that must be closed to flush. */
  public interface Output extends Consumer<GeneratedRecord>, AutoCloseable {
    @Override
    void close() throws IOException;
  }

  public static Writer open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** All lines into one file ({@code .gz} compresses). */
  public static Output files(Path file, GeneratorSpec spec) throws IOException {
    Writer writer = open(file);
    return new Output() {
      @Override
      public void accept(GeneratedRecord r) {
        try {
          writer.write(r.line());
          writer.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  /**
   * {@code files} files in {@code folder}, each holding a consecutive part of the span (by the
   * newest sample time written so far), as the file source expects a folder to be laid out.
   */
  public static Output files(Path folder, int files, GeneratorSpec spec, boolean gzip)
      throws IOException {
    Files.createDirectories(folder);
    long start = spec.start().toEpochMilli();
    long span = spec.span().toMillis();
    return new Output() {
      private Writer current;
      private int index = -1;
      private long newest = Long.MIN_VALUE;

      @Override
      public void accept(GeneratedRecord r) {
        try {
          if (r.sample() != null && r.sample().ts() <= spec.start().toEpochMilli() + span) {
            newest = Math.max(newest, r.sample().ts());
          }
          int wanted =
              newest == Long.MIN_VALUE
                  ? 0
                  : (int) Math.min(files - 1, Math.max(0, (newest - 1 - start) * files / span));
          if (wanted > index) {
            close();
            index = wanted;
            current =
                open(
                    folder.resolve(
                        String.format("samples-%04d.jsonl%s", index + 1, gzip ? ".gz" : "")));
          }
          current.write(r.line());
          current.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() throws IOException {
        if (current != null) {
          current.close();
          current = null;
        }
      }
    };
  }

  /** One record per line to a Kafka topic, keyed by connection id (order per connection). */
  public static Output kafka(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    return new Output() {
      @Override
      public void accept(GeneratedRecord r) {
        String key = r.sample() == null ? null : r.sample().connectionId();
        producer.send(new ProducerRecord<>(topic, key, r.line()));
      }

      @Override
      public void close() {
        producer.flush();
        producer.close();
      }
    };
  }
}

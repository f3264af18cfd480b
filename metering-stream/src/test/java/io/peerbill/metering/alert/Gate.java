package io.peerbill.metering.alert;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Test plumbing between a MiniCluster job and its test (same JVM): latches a test source waits on,
 * and queues a test sink fills. Keyed by a name per test, so tests do not share them.
 */
final class Gate {

  private static final ConcurrentHashMap<String, CountDownLatch> LATCHES =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, ConcurrentLinkedQueue<Object>> QUEUES =
      new ConcurrentHashMap<>();

  private Gate() {}

  static void open(String name) {
    LATCHES.computeIfAbsent(name, n -> new CountDownLatch(1)).countDown();
  }

  static void await(String name) throws InterruptedException {
    if (!LATCHES.computeIfAbsent(name, n -> new CountDownLatch(1)).await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("gate " + name + " never opened");
    }
  }

  @SuppressWarnings("unchecked")
  static <T> ConcurrentLinkedQueue<T> queue(String name) {
    return (ConcurrentLinkedQueue<T>)
        QUEUES.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
  }

  /** A sink that adds every element to the queue of this name. */
  static <T> Sink<T> sink(String name) {
    return new QueueSink<>(name);
  }

  private record QueueSink<T>(String name) implements Sink<T> {
    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context context) {
          queue(name).add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}

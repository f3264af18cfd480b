package io.peerbill.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the JVM's used heap every 100 ms and keeps the peak, while it runs. */
final class HeapWatcher implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  HeapWatcher() {
    thread =
        new Thread(
            () -> {
              while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  long peakBytes() {
    return peak;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}

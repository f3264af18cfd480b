package io.peerbill.billing.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap while the job runs: the peak of the heap in use after each garbage collection (the live
 * data, what "flat" is about) and the peak of the heap in use sampled every 10 ms (live data plus
 * garbage not yet collected, at most -Xmx).
 */
final class HeapWatch {

  /** The garbage collector reports every pool it manages; only the heap's count. */
  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());

  private final AtomicLong peakLive = new AtomicLong();
  private final AtomicLong peakUsed = new AtomicLong();
  private final List<Runnable> removals = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    NotificationListener afterGc =
        (notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
              notification.getType())) {
            var info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long live =
                info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed())
                    .sum();
            peakLive.accumulateAndGet(live, Math::max);
          }
        };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      NotificationEmitter emitter = (NotificationEmitter) gc;
      emitter.addNotificationListener(afterGc, null, null);
      removals.add(
          () -> {
            try {
              emitter.removeNotificationListener(afterGc);
            } catch (Exception ignored) {
              // already gone
            }
          });
    }
    sampler =
        new Thread(
            () -> {
              while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peakUsed.accumulateAndGet(used, Math::max);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  static HeapWatch start() {
    return new HeapWatch();
  }

  void stop() throws InterruptedException {
    running = false;
    sampler.join();
    removals.forEach(Runnable::run);
  }

  long peakLiveBytes() {
    return peakLive.get();
  }

  long peakUsedBytes() {
    return peakUsed.get();
  }
}

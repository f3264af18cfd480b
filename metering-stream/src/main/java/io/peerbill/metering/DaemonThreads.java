package io.peerbill.metering;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The single background threads operators and sinks keep beside Flink's task thread (writers,
 * reloads, webhook sends): named, so a thread dump says whose they are, and daemons, so a task that
 * is torn down without closing them cannot keep the JVM alive.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static ExecutorService single(String name) {
    return Executors.newSingleThreadExecutor(named(name));
  }

  public static ScheduledExecutorService singleScheduled(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }

  private static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

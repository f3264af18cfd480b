package io.peerbill.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU seconds used so far by a process and the children it has reaped (Linux {@code /proc}: utime,
 * stime, cutime, cstime), plus its live descendants: for PostgreSQL the postmaster collects the
 * time of every backend that has exited. Tells, on a machine where the servers share the cores with
 * the job, how much of the work each one did.
 */
public final class ProcessCpu {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ProcessCpu() {}

  /** This JVM's CPU seconds so far. */
  public static double ofThisJvm() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime() / 1e9
        : Double.NaN;
  }

  /** The process's and its descendants' CPU seconds so far; NaN where /proc cannot tell. */
  public static double of(Optional<ProcessHandle> process) {
    if (process.isEmpty()) {
      return Double.NaN;
    }
    double seconds = withReapedChildren(process.get().pid());
    for (ProcessHandle child : process.get().descendants().toList()) {
      seconds += withReapedChildren(child.pid());
    }
    return seconds;
  }

  private static double withReapedChildren(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
      long ticks =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      return ticks / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}

package io.peerbill.cli.demo;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Numbered steps with their duration, so a newcomer sees where the demo is. */
final class Progress {

  private final PrintWriter out;
  private final int steps;
  private int step;

  Progress(PrintWriter out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  <T> T step(String what, Callable<T> work) throws Exception {
    step++;
    out.printf("[%d/%d] %s ...%n", step, steps, what);
    out.flush();
    long started = System.nanoTime();
    T result = work.call();
    out.printf("      done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    out.flush();
    return result;
  }
}

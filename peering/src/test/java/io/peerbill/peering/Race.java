package io.peerbill.peering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs operations on parallel threads released together, and collects what each one did. */
final class Race {

  /** What one racer got: the result, or the refusal. */
  record Outcome<T>(T value, PeeringException refusal) {
    boolean succeeded() {
      return refusal == null;
    }
  }

  private Race() {}

  static <T> List<Outcome<T>> run(List<Callable<T>> racers) throws InterruptedException {
    CyclicBarrier start = new CyclicBarrier(racers.size());
    ExecutorService pool = Executors.newFixedThreadPool(racers.size());
    try {
      List<Future<Outcome<T>>> futures = new ArrayList<>();
      for (Callable<T> racer : racers) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return new Outcome<>(racer.call(), null);
                  } catch (PeeringException e) {
                    return new Outcome<T>(null, e);
                  }
                }));
      }
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          throw new AssertionError("a racer failed unexpectedly", e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.historylake.job.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition, polling it; fails with a description of the last state on timeout. */
public final class Await {

    private Await() {}

    public static void until(Duration timeout, Callable<Boolean> condition, Supplier<String> state)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Condition not met within " + timeout + "; last state: " + state.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}

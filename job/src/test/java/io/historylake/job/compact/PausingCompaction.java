package io.historylake.job.compact;

import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.core.fs.Path;

/**
 * A compaction run in its own process that stops at a given step ({@code written}, {@code
 * committed} or {@code deleted}, the n-th time), prints {@code PAUSED} and waits to be killed.
 * Arguments: lake directory, target bytes, step, n.
 */
public final class PausingCompaction implements Compactor.Listener {

    private final String step;
    private int remaining;

    private PausingCompaction(String step, int n) {
        this.step = step;
        this.remaining = n;
    }

    public static void main(String[] args) throws Exception {
        Path lake = new Path(Paths.get(args[0]).toUri());
        Compactor.Settings settings =
                new Compactor.Settings(Long.parseLong(args[1]), Duration.ZERO, Duration.ZERO);
        new Compactor(
                        lake,
                        settings,
                        Clock.systemUTC(),
                        new PausingCompaction(args[2], Integer.parseInt(args[3])))
                .run(List.of());
        System.out.println("FINISHED");
    }

    private void at(String reached) {
        if (reached.equals(step) && --remaining == 0) {
            System.out.println("PAUSED at " + reached);
            System.out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void written(Path output) {
        at("written");
    }

    @Override
    public void committed(CompactionLog.Commit commit) {
        at("committed");
    }

    @Override
    public void deleted(Path file) {
        at("deleted");
    }
}

package io.historylake.enrich;

import io.historylake.model.TableId;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.ReleasedVersion;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The released quarantined versions, read from {@link QuarantineReleases} by a thread of its own
 * every few seconds while a table of this subtask is quarantined, so that the task thread only
 * looks them up in memory (a release is a file in the lake: on S3 a request per check).
 */
final class ReleaseWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseWatch.class);

    private final QuarantineReleases releases;
    private final Duration every;
    private volatile Set<ReleasedVersion> released = Set.of();
    private volatile boolean watching;
    private ScheduledExecutorService poller;

    ReleaseWatch(QuarantineReleases releases, Duration every) {
        this.releases = releases;
        this.every = every;
    }

    /** Starts polling, unless there is nothing to poll. */
    void start() {
        if (releases == QuarantineReleases.NONE) {
            return;
        }
        poller =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "quarantine-release-watch");
                            thread.setDaemon(true);
                            return thread;
                        });
        poller.scheduleWithFixedDelay(
                this::refreshOrWarn, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A table's rows go to the quarantine: from now on, look for releases. */
    void watch() {
        watching = true;
    }

    /** Reads the releases now. */
    void refresh() throws Exception {
        released = Set.copyOf(releases.released());
    }

    boolean isReleased(TableId table, int version) {
        return released.contains(new ReleasedVersion(table, version));
    }

    private void refreshOrWarn() {
        if (!watching) {
            return;
        }
        try {
            refresh();
        } catch (Exception e) {
            LOG.warn(
                    "Cannot read the quarantine's release markers, trying again in {} s: {}",
                    every.toSeconds(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}

package io.historylake.job.capture;

import io.historylake.job.capture.binlog.Batch;
import io.historylake.job.capture.binlog.BinlogEvents;
import io.historylake.job.capture.binlog.BinlogStream;
import io.historylake.job.capture.snapshot.ChunkReader;
import io.historylake.model.CdcEvent;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader's thread: reads its splits one after the other (snapshot chunks over JDBC, the binlog
 * over the replication protocol) and hands the records over in batches; the reader's mailbox thread
 * emits them. A full handover queue holds the reading back.
 */
final class SplitWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SplitWorker.class);

    /** Records of one snapshot chunk, and the split once they are emitted. */
    record SnapshotChunk(SnapshotSplit after, List<CdcEvent> rows) {}

    private final CaptureSettings settings;
    private final FutureCompletingBlockingQueue<Object> handover;
    private final BlockingQueue<CaptureSplit> splits = new LinkedBlockingQueue<>();

    /**
     * Snapshot chunks waiting to be emitted, at most two: a chunk is emitted whole (a checkpoint
     * never falls inside one), so the rows waiting are bounded by chunks, not by the queue.
     */
    private final java.util.concurrent.Semaphore chunkPermits =
            new java.util.concurrent.Semaphore(2);

    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong historyRows =
            new java.util.concurrent.atomic.AtomicLong();
    private volatile BinlogStream stream;
    private volatile Throwable failure;

    private final CaptureProgress progress;
    private boolean estimated;

    SplitWorker(
            CaptureSettings settings,
            FutureCompletingBlockingQueue<Object> handover,
            CaptureProgress progress) {
        this.settings = settings;
        this.handover = handover;
        this.progress = progress;
    }

    void add(CaptureSplit split) {
        splits.add(split);
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                CaptureSplit split = splits.take();
                if (split instanceof SnapshotSplit s) {
                    snapshot(s);
                } else if (split instanceof BinlogSplit b) {
                    binlog(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (!closed) {
                failure = t;
                handover.notifyAvailable();
            }
        }
    }

    private void snapshot(SnapshotSplit split) throws SQLException, InterruptedException {
        try (ChunkReader reader = new ChunkReader(settings.mysql(), settings.chunkKeys())) {
            if (!estimated) {
                estimated = true;
                progress.estimated(
                        CaptureProgress.serverEstimates(
                                reader.connection(), settings.snapshotTables()));
            }
            SnapshotSplit current = split;
            while (!current.finished() && !closed) {
                chunkPermits.acquire();
                ChunkReader.Chunk chunk =
                        reader.read(current.table(), current.lastKey(), settings.chunkSize());
                if (chunk == null) {
                    LOG.warn(
                            "Table {} was dropped or renamed during its snapshot", current.table());
                    current =
                            new SnapshotSplit(
                                    current.table(),
                                    current.chunks(),
                                    current.order(),
                                    current.firstCreateTable(),
                                    true);
                    handover.put(0, new SnapshotChunk(current, List.of()));
                    return;
                }
                List<CdcEvent> rows = new ArrayList<>(chunk.rows().size());
                for (Object[] row : chunk.rows()) {
                    rows.add(RowChange.of(chunk.table().schema(), Op.READ, null, row, 0L, null));
                }
                current =
                        current.next(
                                new TableWindow.Chunk(chunk.upperKey(), chunk.position()),
                                chunk.order(),
                                chunk.createTable());
                handover.put(0, new SnapshotChunk(current, rows));
            }
        }
    }

    private void binlog(BinlogSplit split) throws Exception {
        try (ChunkReader server = new ChunkReader(settings.mysql(), settings.chunkKeys())) {
            BinlogEvents events =
                    new BinlogEvents(
                            split.state(),
                            settings.selection(),
                            settings.stopAt(),
                            server::compare,
                            server::showCreateTableUnchecked,
                            historyRows,
                            this::put);
            stream =
                    new BinlogStream(
                            settings.mysql(),
                            settings.serverId(),
                            settings.mariaDb(),
                            settings.heartbeat(),
                            events);
            if (!closed) {
                stream.run();
            }
        }
    }

    private void put(Batch batch) {
        try {
            if (!handover.put(0, batch) && closed) {
                throw new IllegalStateException("The reader is closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while handing over binlog records", e);
        }
    }

    /** History rows of system-versioned tables left out (MariaDB's copies of old versions). */
    long historyRows() {
        return historyRows.get();
    }

    /** The reader has emitted a snapshot chunk. */
    void chunkEmitted() {
        chunkPermits.release();
    }

    void close() {
        closed = true;
        BinlogStream s = stream;
        if (s != null) {
            s.close();
        }
        handover.wakeUpPuttingThread(0);
    }
}

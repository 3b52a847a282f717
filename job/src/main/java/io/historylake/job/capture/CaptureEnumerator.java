package io.historylake.job.capture;

import io.historylake.job.capture.binlog.BinlogOffset;
import io.historylake.job.capture.binlog.BinlogState;
import io.historylake.job.capture.schema.SchemaHistory;
import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out one snapshot split per table to the readers that ask; once every table's snapshot is
 * read, merges their chunk windows and first definitions into the binlog split, which starts at the
 * earliest chunk's position, and hands it to one reader.
 */
final class CaptureEnumerator implements SplitEnumerator<CaptureSplit, CaptureEnumState> {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureEnumerator.class);

    private final SplitEnumeratorContext<CaptureSplit> context;
    private final CaptureSettings settings;
    private final Deque<SnapshotSplit> pending;
    private final Map<TableId, SnapshotSplit> finished;
    private final Deque<Integer> waiting = new ArrayDeque<>();
    private BinlogSplit binlog;
    private boolean binlogAssigned;

    CaptureEnumerator(
            SplitEnumeratorContext<CaptureSplit> context,
            CaptureSettings settings,
            CaptureEnumState state) {
        this.context = context;
        this.settings = settings;
        this.pending = new ArrayDeque<>(state.pending());
        this.finished = new LinkedHashMap<>(state.finished());
        this.binlog = state.binlog();
        this.binlogAssigned = state.binlogAssigned();
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, @Nullable String hostname) {
        if (!context.registeredReaders().containsKey(subtask)) {
            return; // a request from a reader that failed since: its splits come back
        }
        if (!pending.isEmpty()) {
            context.assignSplit(pending.poll(), subtask);
            return;
        }
        mergeIfDone();
        if (binlog != null && !binlogAssigned) {
            assignBinlog(subtask);
        } else if (settings.stopAt() != null && binlogAssigned) {
            context.signalNoMoreSplits(subtask);
        } else {
            waiting.add(subtask);
        }
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
        if (event instanceof CaptureEvents.SnapshotsFinished done) {
            for (byte[] bytes : done.splits()) {
                SnapshotSplit split = decode(bytes);
                finished.put(split.table(), split);
            }
            mergeIfDone();
            waiting.removeIf(r -> !context.registeredReaders().containsKey(r));
            if (binlog != null && !binlogAssigned && !waiting.isEmpty()) {
                assignBinlog(waiting.poll());
            }
        }
    }

    private void assignBinlog(int subtask) {
        context.assignSplit(binlog, subtask);
        binlogAssigned = true;
        binlog = null;
        for (int reader : context.registeredReaders().keySet()) {
            context.sendEventToSourceReader(reader, new CaptureEvents.SnapshotsMerged());
        }
        if (settings.stopAt() != null) {
            while (!waiting.isEmpty()) {
                context.signalNoMoreSplits(waiting.poll());
            }
        }
    }

    /** Once every table's snapshot is read: the binlog split, starting at the earliest chunk. */
    private void mergeIfDone() {
        if (binlog != null
                || binlogAssigned
                || !pending.isEmpty()
                || !finished.keySet().containsAll(settings.snapshotTables())) {
            return;
        }
        SchemaHistory history = SchemaHistory.empty();
        Map<TableId, TableWindow> windows = new HashMap<>();
        BinlogPosition start = null;
        for (SnapshotSplit split : finished.values()) {
            TableWindow window = split.window();
            if (window == null) {
                continue; // dropped before its first chunk
            }
            history.define(split.table(), split.firstCreateTable());
            windows.put(split.table(), window);
            if (start == null || window.start().compareTo(start) < 0) {
                start = window.start();
            }
        }
        BinlogOffset offset =
                start == null
                        ? settings.fallbackStart()
                        : BinlogOffset.at(start.file(), start.position());
        binlog = new BinlogSplit(new BinlogState(offset, history.toJson(), windows));
        LOG.info("Snapshot of {} tables read; the binlog starts at {}", finished.size(), offset);
    }

    @Override
    public void addSplitsBack(List<CaptureSplit> splits, int subtask) {
        for (CaptureSplit split : splits) {
            if (split instanceof SnapshotSplit s) {
                pending.addFirst(s);
            } else if (split instanceof BinlogSplit b) {
                binlog = b;
                binlogAssigned = false;
            }
        }
    }

    @Override
    public void addReader(int subtask) {}

    @Override
    public CaptureEnumState snapshotState(long checkpointId) {
        return new CaptureEnumState(List.copyOf(pending), finished, binlog, binlogAssigned);
    }

    @Override
    public void close() {}

    private static SnapshotSplit decode(byte[] bytes) {
        try {
            return (SnapshotSplit)
                    new CaptureSplitSerializer().deserialize(CaptureSplitSerializer.VERSION, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

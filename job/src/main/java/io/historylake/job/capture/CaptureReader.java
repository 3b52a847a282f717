package io.historylake.job.capture;

import io.historylake.job.capture.binlog.Batch;
import io.historylake.model.CdcEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;

/**
 * Emits what its {@link SplitWorker} reads, batch by batch, and keeps each split's state as of the
 * last batch emitted: a checkpoint falls between batches, so the state and the emitted records
 * always agree.
 */
final class CaptureReader implements SourceReader<CdcEvent, CaptureSplit> {

    private final SourceReaderContext context;
    private final FutureCompletingBlockingQueue<Object> handover =
            new FutureCompletingBlockingQueue<>(16);
    private final SplitWorker worker;
    private final Thread thread;
    private final Map<String, CaptureSplit> current = new LinkedHashMap<>();
    private final List<SnapshotSplit> finishedUnmerged = new ArrayList<>();
    private boolean noMoreSplits;
    private boolean reachedEnd;

    private final CaptureProgress progress;
    private final BinlogBacklog backlog;
    private final ScheduledExecutorService scheduler;
    private final Counter recordsIn;

    CaptureReader(SourceReaderContext context, CaptureSettings settings) {
        this.context = context;
        this.progress = new CaptureProgress(settings.snapshotTables(), context.metricGroup());
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        new ExecutorThreadFactory(
                                "history-lake-capture-progress-" + context.getIndexOfSubtask()));
        this.backlog = new BinlogBacklog(settings.mysql(), context.metricGroup(), scheduler);
        this.recordsIn = context.metricGroup().getIOMetricGroup().getNumRecordsInCounter();
        this.worker = new SplitWorker(settings, handover, progress);
        this.thread = new Thread(worker, "history-lake-capture-" + context.getIndexOfSubtask());
        this.thread.setDaemon(true);
        context.metricGroup()
                .gauge("systemVersionedHistoryRowsSkipped", (Gauge<Long>) worker::historyRows);
    }

    @Override
    public void start() {
        thread.start();
        scheduler.scheduleAtFixedRate(
                progress::logIfRunning,
                CaptureProgress.LOG_EVERY.toSeconds(),
                CaptureProgress.LOG_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        if (current.isEmpty()) {
            context.sendSplitRequest();
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<CdcEvent> output) throws Exception {
        Throwable failure = worker.failure();
        if (failure != null) {
            throw failure instanceof Exception e ? e : new RuntimeException(failure);
        }
        Object item = handover.poll();
        if (item == null) {
            return reachedEnd || (noMoreSplits && current.isEmpty())
                    ? InputStatus.END_OF_INPUT
                    : InputStatus.NOTHING_AVAILABLE;
        }
        if (item instanceof SplitWorker.SnapshotChunk chunk) {
            emit(chunk.rows(), output);
            worker.chunkEmitted();
            SnapshotSplit split = chunk.after();
            progress.chunk(split.table(), chunk.rows().size(), split.finished(), System.nanoTime());
            if (split.finished()) {
                current.remove(split.splitId());
                finishedUnmerged.add(split);
                context.sendSourceEventToCoordinator(
                        new CaptureEvents.SnapshotsFinished(List.of(encode(split))));
                context.sendSplitRequest();
            } else {
                current.put(split.splitId(), split);
            }
        } else if (item instanceof Batch batch) {
            emit(batch.events(), output);
            current.put(BinlogSplit.ID, new BinlogSplit(batch.state()));
            backlog.at(batch.state().offset());
            reachedEnd |= batch.reachedEnd();
        }
        return reachedEnd ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }

    private void emit(List<CdcEvent> events, ReaderOutput<CdcEvent> output) {
        for (CdcEvent event : events) {
            output.collect(event);
        }
        recordsIn.inc(events.size());
    }

    @Override
    public List<CaptureSplit> snapshotState(long checkpointId) {
        List<CaptureSplit> state = new ArrayList<>(current.values());
        state.addAll(finishedUnmerged);
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return worker.failure() != null || reachedEnd
                ? CompletableFuture.completedFuture(null)
                : handover.getAvailabilityFuture();
    }

    @Override
    public void addSplits(List<CaptureSplit> splits) {
        List<SnapshotSplit> finishedNow = new ArrayList<>();
        for (CaptureSplit split : splits) {
            if (split instanceof SnapshotSplit s && s.finished()) {
                finishedNow.add(s); // restored: tell the enumerator again, it may not know yet
                progress.restoredDone();
                continue;
            }
            if (split instanceof BinlogSplit) {
                progress.complete();
            }
            current.put(split.splitId(), split);
            worker.add(split);
        }
        if (!finishedNow.isEmpty()) {
            finishedUnmerged.addAll(finishedNow);
            List<byte[]> encoded = new ArrayList<>();
            for (SnapshotSplit s : finishedNow) {
                encoded.add(encode(s));
            }
            context.sendSourceEventToCoordinator(new CaptureEvents.SnapshotsFinished(encoded));
            context.sendSplitRequest();
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        handover.notifyAvailable();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof CaptureEvents.SnapshotsMerged) {
            finishedUnmerged.clear();
        }
    }

    @Override
    public void close() throws Exception {
        worker.close();
        thread.interrupt();
        thread.join(10_000);
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        backlog.close();
    }

    private static byte[] encode(SnapshotSplit split) {
        try {
            return new CaptureSplitSerializer().serialize(split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

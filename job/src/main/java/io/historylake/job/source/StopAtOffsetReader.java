package io.historylake.job.source;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.SourceProgress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the CDC reader: drops progress marks and, when bounded, ends input at the stop position.
 */
final class StopAtOffsetReader implements SourceReader<CdcEvent, MySqlSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(StopAtOffsetReader.class);

    private final SourceReader<CdcEvent, MySqlSplit> delegate;
    private final BinlogPosition stopAt;
    private final FilteringOutput output = new FilteringOutput();
    private boolean reachedStop;

    StopAtOffsetReader(SourceReader<CdcEvent, MySqlSplit> delegate, BinlogPosition stopAt) {
        this.delegate = delegate;
        this.stopAt = stopAt;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<CdcEvent> readerOutput) throws Exception {
        if (reachedStop) {
            return InputStatus.END_OF_INPUT;
        }
        output.setTarget(readerOutput);
        InputStatus status;
        try {
            status = delegate.pollNext(output);
        } catch (Exception e) {
            throw BinlogPurged.translate(e).map(Exception.class::cast).orElse(e);
        }
        return reachedStop ? InputStatus.END_OF_INPUT : status;
    }

    @Override
    public List<MySqlSplit> snapshotState(long checkpointId) {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return reachedStop ? CompletableFuture.completedFuture(null) : delegate.isAvailable();
    }

    @Override
    public void addSplits(List<MySqlSplit> splits) {
        delegate.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        delegate.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        delegate.handleSourceEvents(sourceEvent);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        delegate.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<String> splitsToPause, Collection<String> splitsToResume) {
        delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }

    /** True when the event lies at or past the stop position; records the stop. */
    private boolean passesStop(CdcEvent event) {
        if (stopAt == null || reachedStop) {
            return reachedStop;
        }
        BinlogPosition position = event.position();
        if (position != null && position.compareTo(stopAt) >= 0) {
            LOG.info("Binlog read up to {} (stop position {}): ending input", position, stopAt);
            reachedStop = true;
        }
        return reachedStop;
    }

    private boolean forward(CdcEvent event) {
        return !passesStop(event) && !(event instanceof SourceProgress);
    }

    /** Passes records on unless they are progress marks or past the stop position. */
    private class FilteredOutput implements SourceOutput<CdcEvent> {
        SourceOutput<CdcEvent> target;

        FilteredOutput(SourceOutput<CdcEvent> target) {
            this.target = target;
        }

        @Override
        public void collect(CdcEvent record) {
            if (forward(record)) {
                target.collect(record);
            }
        }

        @Override
        public void collect(CdcEvent record, long timestamp) {
            if (forward(record)) {
                target.collect(record, timestamp);
            }
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            target.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            target.markIdle();
        }

        @Override
        public void markActive() {
            target.markActive();
        }
    }

    /** The reader's output, filtered, with a filtered output per split. */
    private final class FilteringOutput extends FilteredOutput implements ReaderOutput<CdcEvent> {

        FilteringOutput() {
            super(null);
        }

        void setTarget(ReaderOutput<CdcEvent> readerOutput) {
            target = readerOutput;
        }

        @Override
        public SourceOutput<CdcEvent> createOutputForSplit(String splitId) {
            return new FilteredOutput(
                    ((ReaderOutput<CdcEvent>) target).createOutputForSplit(splitId));
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            ((ReaderOutput<CdcEvent>) target).releaseOutputForSplit(splitId);
        }
    }
}

package io.historylake.job.testing;

import io.historylake.model.CdcEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded source of given events for a job that is stopped with a savepoint and started again
 * from it: it emits the events in order from the offset in its state, then waits for more that
 * never come. Started from a savepoint with a longer list, it goes on where the first run ended.
 * One split, read by subtask 0.
 */
public final class ResumableEvents implements Source<CdcEvent, ResumableEvents.Offset, Boolean> {

    private static final long serialVersionUID = 1L;
    private final List<CdcEvent> events;

    public ResumableEvents(List<CdcEvent> events) {
        this.events = List.copyOf(events);
    }

    /** The one split: how many events were emitted. */
    public record Offset(int next) implements SourceSplit {
        @Override
        public String splitId() {
            return "events";
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Offset, Boolean> createEnumerator(
            SplitEnumeratorContext<Offset> context) {
        return new Enumerator(context, false);
    }

    @Override
    public SplitEnumerator<Offset, Boolean> restoreEnumerator(
            SplitEnumeratorContext<Offset> context, Boolean assigned) {
        return new Enumerator(context, assigned);
    }

    @Override
    public SimpleVersionedSerializer<Offset> getSplitSerializer() {
        return new IntSerializer<>(Offset::next, Offset::new);
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new IntSerializer<>(assigned -> assigned ? 1 : 0, value -> value == 1);
    }

    @Override
    public SourceReader<CdcEvent, Offset> createReader(SourceReaderContext context) {
        return new Reader(events);
    }

    /** Hands the split to subtask 0 once; a restored reader has it in its own state. */
    private static final class Enumerator implements SplitEnumerator<Offset, Boolean> {
        private final SplitEnumeratorContext<Offset> context;
        private boolean assigned;

        Enumerator(SplitEnumeratorContext<Offset> context, boolean assigned) {
            this.context = context;
            this.assigned = assigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Offset> splits, int subtaskId) {
            assigned = false;
            addReader(0);
        }

        @Override
        public void addReader(int subtaskId) {
            if (subtaskId == 0 && !assigned) {
                context.assignSplit(new Offset(0), 0);
                assigned = true;
            }
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return assigned;
        }

        @Override
        public void close() {}
    }

    private static final class Reader implements SourceReader<CdcEvent, Offset> {
        private final List<CdcEvent> events;
        private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();
        private Offset offset;

        Reader(List<CdcEvent> events) {
            this.events = events;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<CdcEvent> output) {
            if (offset == null || offset.next() >= events.size()) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            output.collect(events.get(offset.next()));
            offset = new Offset(offset.next() + 1);
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Offset> snapshotState(long checkpointId) {
            return offset == null ? List.of() : new ArrayList<>(List.of(offset));
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            // Available once the split is here and until the list is done; then never again.
            return offset != null && offset.next() >= events.size()
                    ? new CompletableFuture<>()
                    : splitArrived;
        }

        @Override
        public void addSplits(List<Offset> splits) {
            offset = splits.get(0);
            splitArrived.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** A value kept as one int. */
    private static final class IntSerializer<T> implements SimpleVersionedSerializer<T> {
        private final java.util.function.ToIntFunction<T> toInt;
        private final java.util.function.IntFunction<T> fromInt;

        IntSerializer(
                java.util.function.ToIntFunction<T> toInt,
                java.util.function.IntFunction<T> fromInt) {
            this.toInt = toInt;
            this.fromInt = fromInt;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T value) {
            return ByteBuffer.allocate(4).putInt(toInt.applyAsInt(value)).array();
        }

        @Override
        public T deserialize(int version, byte[] serialized) throws IOException {
            return fromInt.apply(ByteBuffer.wrap(serialized).getInt());
        }
    }
}

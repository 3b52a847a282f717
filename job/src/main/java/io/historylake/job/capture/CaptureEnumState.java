package io.historylake.job.capture;

import io.historylake.model.TableId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The enumerator's checkpoint: snapshot splits not yet handed out, those finished, and the binlog
 * split while it waits for a reader (null once assigned, or before the snapshots are finished).
 *
 * @param binlogAssigned whether a reader owns the binlog split (its state is then the reader's)
 */
public record CaptureEnumState(
        List<SnapshotSplit> pending,
        Map<TableId, SnapshotSplit> finished,
        BinlogSplit binlog,
        boolean binlogAssigned) {

    public CaptureEnumState {
        pending = List.copyOf(pending);
        finished = new LinkedHashMap<>(finished);
    }

    /** Version 1: counts, then each split as {@link CaptureSplitSerializer} writes it. */
    public static final class Serializer implements SimpleVersionedSerializer<CaptureEnumState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(CaptureEnumState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            out.writeInt(state.pending().size());
            for (SnapshotSplit s : state.pending()) {
                CaptureSplitSerializer.writeSnapshot(s, out);
            }
            out.writeInt(state.finished().size());
            for (SnapshotSplit s : state.finished().values()) {
                CaptureSplitSerializer.writeSnapshot(s, out);
            }
            out.writeBoolean(state.binlog() != null);
            if (state.binlog() != null) {
                CaptureSplitSerializer.writeState(state.binlog().state(), out);
            }
            out.writeBoolean(state.binlogAssigned());
            return out.getCopyOfBuffer();
        }

        @Override
        public CaptureEnumState deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("Unknown native capture enumerator state version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            List<SnapshotSplit> pending = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                pending.add(CaptureSplitSerializer.readSnapshot(in));
            }
            Map<TableId, SnapshotSplit> finished = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                SnapshotSplit s = CaptureSplitSerializer.readSnapshot(in);
                finished.put(s.table(), s);
            }
            BinlogSplit binlog =
                    in.readBoolean() ? new BinlogSplit(CaptureSplitSerializer.readState(in)) : null;
            return new CaptureEnumState(pending, finished, binlog, in.readBoolean());
        }
    }
}

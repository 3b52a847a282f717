package io.historylake.job.capture;

import io.historylake.model.CdcEvent;
import io.historylake.serde.CdcTypeInfo;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * history-lake's own MySQL/MariaDB capture: a lock-free snapshot, chunk by chunk, each chunk at an
 * exact binlog position, then the binlog through mysql-binlog-connector-java, straight into {@link
 * CdcEvent}s. The captured tables' definitions move with the binlog in the split state (see {@code
 * SchemaHistory}), so rows are always read with the definition in force where they were written.
 *
 * <pre>
 * enumerator: table snapshot splits ──► readers ──► chunk windows + first definitions
 *             ◄───────────── finished ──────────┘
 *             binlog split (earliest chunk, windows, definitions) ──► one reader
 * </pre>
 */
public final class NativeCaptureSource
        implements Source<CdcEvent, CaptureSplit, CaptureEnumState>, ResultTypeQueryable<CdcEvent> {

    private static final long serialVersionUID = 1L;

    private final CaptureSettings settings;

    public NativeCaptureSource(CaptureSettings settings) {
        this.settings = settings;
    }

    public CaptureSettings settings() {
        return settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return settings.stopAt() == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<CdcEvent, CaptureSplit> createReader(SourceReaderContext context) {
        return new CaptureReader(context, settings);
    }

    @Override
    public SplitEnumerator<CaptureSplit, CaptureEnumState> createEnumerator(
            SplitEnumeratorContext<CaptureSplit> context) {
        List<SnapshotSplit> pending =
                settings.snapshotTables().stream().map(SnapshotSplit::of).toList();
        BinlogSplit binlog =
                settings.startBinlog() == null ? null : new BinlogSplit(settings.startBinlog());
        return new CaptureEnumerator(
                context, settings, new CaptureEnumState(pending, Map.of(), binlog, false));
    }

    @Override
    public SplitEnumerator<CaptureSplit, CaptureEnumState> restoreEnumerator(
            SplitEnumeratorContext<CaptureSplit> context, CaptureEnumState checkpoint) {
        return new CaptureEnumerator(context, settings, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<CaptureSplit> getSplitSerializer() {
        return new CaptureSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<CaptureEnumState> getEnumeratorCheckpointSerializer() {
        return new CaptureEnumState.Serializer();
    }

    @Override
    public TypeInformation<CdcEvent> getProducedType() {
        return CdcTypeInfo.EVENTS;
    }
}

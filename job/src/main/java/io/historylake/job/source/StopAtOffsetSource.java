package io.historylake.job.source;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The MySQL CDC source, optionally bounded: with a stop position (the binlog position current when
 * the job was started with {@code --until now}), every reader ends its input once the binlog has
 * been read up to it. Progress marks never leave the source.
 */
public final class StopAtOffsetSource
        implements Source<CdcEvent, MySqlSplit, PendingSplitsState>, ResultTypeQueryable<CdcEvent> {

    private static final long serialVersionUID = 1L;

    private final MySqlSource<CdcEvent> delegate;
    private final BinlogPosition stopAt;

    /**
     * @param delegate the CDC source, built with {@code HeartbeatForwardingSources}
     * @param stopAt where to stop, or null to run continuously
     */
    public StopAtOffsetSource(MySqlSource<CdcEvent> delegate, BinlogPosition stopAt) {
        this.delegate = delegate;
        this.stopAt = stopAt;
    }

    @Override
    public Boundedness getBoundedness() {
        return stopAt == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<CdcEvent, MySqlSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new StopAtOffsetReader(delegate.createReader(context), stopAt);
    }

    @Override
    public SplitEnumerator<MySqlSplit, PendingSplitsState> createEnumerator(
            SplitEnumeratorContext<MySqlSplit> context) throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<MySqlSplit, PendingSplitsState> restoreEnumerator(
            SplitEnumeratorContext<MySqlSplit> context, PendingSplitsState checkpoint)
            throws Exception {
        return delegate.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MySqlSplit> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<PendingSplitsState> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<CdcEvent> getProducedType() {
        return CdcTypeInfo.EVENTS;
    }
}

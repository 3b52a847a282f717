package org.apache.flink.cdc.connectors.mysql.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfigFactory;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitState;
import org.apache.flink.cdc.connectors.mysql.source.split.SourceRecords;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;

/**
 * Builds a {@link MySqlSource} whose record emitter also hands binlog heartbeats to the
 * deserializer, so that a bounded run sees how far the binlog has been read even when no row
 * changes arrive, and moves the binlog split's offset once per batch of row changes instead of once
 * per row. It lives in this package because the emitter hook is package-private; Flink CDC's own
 * pipeline connector wires its emitter the same way.
 */
public final class HeartbeatForwardingSources {

    private HeartbeatForwardingSources() {}

    public static <T> MySqlSource<T> create(
            MySqlSourceConfigFactory config, DebeziumDeserializationSchema<T> deserializer) {
        return new MySqlSource<>(config, deserializer, new EmitterSupplier<>(deserializer));
    }

    /** Creates a {@link HeartbeatForwardingEmitter} per reader. */
    private static final class EmitterSupplier<T> implements MySqlSource.RecordEmitterSupplier<T> {
        private static final long serialVersionUID = 1L;
        private final DebeziumDeserializationSchema<T> deserializer;

        EmitterSupplier(DebeziumDeserializationSchema<T> deserializer) {
            this.deserializer = deserializer;
        }

        @Override
        public MySqlRecordEmitter<T> get(
                MySqlSourceReaderMetrics metrics, MySqlSourceConfig sourceConfig) {
            return new HeartbeatForwardingEmitter<>(
                    deserializer, metrics, sourceConfig.isIncludeSchemaChanges());
        }
    }

    /**
     * The stock emitter, plus heartbeats passed on to the deserializer, and the row changes of a
     * binlog batch emitted without the stock per-row offset update.
     */
    static final class HeartbeatForwardingEmitter<T> extends MySqlRecordEmitter<T> {
        private final DebeziumDeserializationSchema<T> deserializer;
        private final MySqlSourceReaderMetrics metrics;
        private final TimestampedCollector<T> timestamped = new TimestampedCollector<>();

        HeartbeatForwardingEmitter(
                DebeziumDeserializationSchema<T> deserializer,
                MySqlSourceReaderMetrics metrics,
                boolean includeSchemaChanges) {
            super(deserializer, metrics, includeSchemaChanges);
            this.deserializer = deserializer;
            this.metrics = metrics;
        }

        /**
         * The stock emitter sets the binlog split's offset from every row change, copying the
         * record's offset map twice (11 % of the task thread in a bulk binlog profile). Nothing
         * reads the split state while a batch is emitted (a checkpoint comes between batches), so a
         * row change's offset is taken only when the next record is not one, or at the batch's end:
         * the split state then holds what the stock emitter leaves, the last record's offset.
         */
        @Override
        public void emitRecord(
                SourceRecords records, SourceOutput<T> output, MySqlSplitState splitState)
                throws Exception {
            if (!splitState.isBinlogSplitState()) {
                super.emitRecord(records, output, splitState);
                return;
            }
            SourceRecord unrecorded = null; // the last row change, its offset not yet taken
            for (SourceRecord element : records.getSourceRecordList()) {
                if (RecordUtils.isDataChangeRecord(element)) {
                    emitChange(element, output);
                    unrecorded = element;
                    continue;
                }
                if (unrecorded != null) {
                    recordOffset(splitState, unrecorded);
                    unrecorded = null;
                }
                processElement(element, output, splitState);
            }
            if (unrecorded != null) {
                recordOffset(splitState, unrecorded);
            }
        }

        /** As the stock emitter: the fetch delay metric, then the row with its commit time. */
        private void emitChange(SourceRecord element, SourceOutput<T> output) throws Exception {
            Long committed = RecordUtils.getMessageTimestamp(element);
            if (committed != null && committed > 0L) {
                Long fetched = RecordUtils.getFetchTimestamp(element);
                if (fetched != null && fetched >= committed) {
                    metrics.recordFetchDelay(fetched - committed);
                }
            }
            deserializer.deserialize(element, timestamped.to(output, committed));
        }

        private static void recordOffset(MySqlSplitState splitState, SourceRecord element) {
            splitState
                    .asBinlogSplitState()
                    .setStartingOffset(RecordUtils.getBinlogPosition(element));
        }

        @Override
        protected void processElement(
                SourceRecord element, SourceOutput<T> output, MySqlSplitState splitState)
                throws Exception {
            super.processElement(element, output, splitState);
            if (RecordUtils.isHeartbeatEvent(element) && splitState.isBinlogSplitState()) {
                deserializer.deserialize(element, timestamped.to(output, null));
            }
        }
    }

    /**
     * Emits to a {@link SourceOutput}, with the record's commit time when it has one, as the stock
     * emitter.
     */
    private static final class TimestampedCollector<T> implements Collector<T> {
        private SourceOutput<T> output;
        private Long timestamp;

        TimestampedCollector<T> to(SourceOutput<T> output, Long timestamp) {
            this.output = output;
            this.timestamp = timestamp;
            return this;
        }

        @Override
        public void collect(T record) {
            if (timestamp != null && timestamp > 0L) {
                output.collect(record, timestamp);
            } else {
                output.collect(record);
            }
        }

        @Override
        public void close() {}
    }
}

package org.apache.flink.cdc.connectors.mysql.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfigFactory;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitState;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;

/**
 * Builds a {@link MySqlSource} whose record emitter also hands binlog heartbeats to the
 * deserializer, so that a bounded run sees how far the binlog has been read even when no row
 * changes arrive. It lives in this package because the emitter hook is package-private; Flink CDC's
 * own pipeline connector wires its emitter the same way.
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

    /** The stock emitter, plus heartbeats passed on to the deserializer. */
    private static final class HeartbeatForwardingEmitter<T> extends MySqlRecordEmitter<T> {
        private final DebeziumDeserializationSchema<T> deserializer;

        HeartbeatForwardingEmitter(
                DebeziumDeserializationSchema<T> deserializer,
                MySqlSourceReaderMetrics metrics,
                boolean includeSchemaChanges) {
            super(deserializer, metrics, includeSchemaChanges);
            this.deserializer = deserializer;
        }

        @Override
        protected void processElement(
                SourceRecord element, SourceOutput<T> output, MySqlSplitState splitState)
                throws Exception {
            super.processElement(element, output, splitState);
            if (RecordUtils.isHeartbeatEvent(element) && splitState.isBinlogSplitState()) {
                deserializer.deserialize(element, new OutputCollector<>(output));
            }
        }
    }

    /** Adapts a {@link SourceOutput} to a {@link Collector}. */
    private record OutputCollector<T>(SourceOutput<T> output) implements Collector<T> {
        @Override
        public void collect(T record) {
            output.collect(record);
        }

        @Override
        public void close() {}
    }
}

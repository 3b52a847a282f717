package org.apache.flink.cdc.connectors.mysql.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplitState;
import org.apache.flink.cdc.connectors.mysql.source.split.SourceRecords;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** The emitter's binlog offsets and emitted rows match the stock emitter's, batch by batch. */
class HeartbeatForwardingEmitterTest {

    private static final Schema SOURCE =
            SchemaBuilder.struct().field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ROW_CHANGE =
            SchemaBuilder.struct()
                    .field("op", Schema.STRING_SCHEMA)
                    .field("source", SOURCE)
                    .build();
    private static final Schema HEARTBEAT =
            SchemaBuilder.struct()
                    .name("io.debezium.connector.common.Heartbeat")
                    .field("ts_ms", Schema.INT64_SCHEMA)
                    .build();

    private final List<String> emitted = new ArrayList<>();
    private final MySqlBinlogSplitState split =
            new MySqlBinlogSplitState(
                    new MySqlBinlogSplit(
                            "binlog-split",
                            BinlogOffset.ofBinlogFilePosition("binlog.000001", 4),
                            BinlogOffset.ofNonStopping(),
                            List.of(),
                            Map.of(),
                            0));
    private final HeartbeatForwardingSources.HeartbeatForwardingEmitter<String> emitter =
            new HeartbeatForwardingSources.HeartbeatForwardingEmitter<>(
                    new Describe(),
                    new MySqlSourceReaderMetrics(new UnregisteredMetricsGroup()),
                    true);

    @Test
    void aBatchOfRowChangesLeavesTheSplitAtTheLastRowsOffsetAndEmitsEachWithItsCommitTime()
            throws Exception {
        emitter.emitRecord(
                new SourceRecords(List.of(row(100, 1), row(100, 2), row(250, 1))),
                new Output(),
                split);

        assertThat(split.getStartingOffset().getPosition()).isEqualTo(250);
        assertThat(split.getStartingOffset().getRestartSkipRows()).isEqualTo(1);
        assertThat(emitted)
                .containsExactly(
                        "row 100/1 at 1000100", "row 100/2 at 1000100", "row 250/1 at 1000250");
    }

    @Test
    void aHeartbeatAfterTheRowsOfABatchLeavesTheSplitAtTheHeartbeatsOffset() throws Exception {
        emitter.emitRecord(
                new SourceRecords(List.of(row(100, 1), heartbeat(400))), new Output(), split);

        assertThat(split.getStartingOffset().getPosition()).isEqualTo(400);
        assertThat(emitted).containsExactly("row 100/1 at 1000100", "heartbeat 400");
    }

    @Test
    void rowsAfterAHeartbeatMoveTheSplitPastIt() throws Exception {
        emitter.emitRecord(
                new SourceRecords(List.of(heartbeat(400), row(500, 3))), new Output(), split);

        assertThat(split.getStartingOffset().getPosition()).isEqualTo(500);
        assertThat(split.getStartingOffset().getRestartSkipRows()).isEqualTo(3);
    }

    private static SourceRecord row(long pos, int row) {
        Struct value =
                new Struct(ROW_CHANGE)
                        .put("op", "c")
                        .put("source", new Struct(SOURCE).put("ts_ms", 1_000_000L + pos));
        return new SourceRecord(Map.of(), offset(pos, row), "t", ROW_CHANGE, value);
    }

    private static SourceRecord heartbeat(long pos) {
        return new SourceRecord(
                Map.of(),
                offset(pos, 0),
                "heartbeat",
                HEARTBEAT,
                new Struct(HEARTBEAT).put("ts_ms", 0L));
    }

    private static Map<String, ?> offset(long pos, int row) {
        return Map.of("file", "binlog.000001", "pos", pos, "row", row, "event", 1);
    }

    /** Describes each record it is handed: a row with its offset, or a heartbeat. */
    private final class Describe implements DebeziumDeserializationSchema<String> {
        @Override
        public void deserialize(SourceRecord record, Collector<String> out) {
            Map<String, ?> offset = record.sourceOffset();
            out.collect(
                    record.valueSchema() == HEARTBEAT
                            ? "heartbeat " + offset.get("pos")
                            : "row " + offset.get("pos") + "/" + offset.get("row"));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    /** Records what is emitted, with its timestamp when it has one. */
    private final class Output implements SourceOutput<String> {
        @Override
        public void collect(String record) {
            emitted.add(record);
        }

        @Override
        public void collect(String record, long timestamp) {
            emitted.add(record + " at " + timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}

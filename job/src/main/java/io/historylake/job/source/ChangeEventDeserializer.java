package io.historylake.job.source;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SourceProgress;
import io.historylake.model.TableId;
import io.historylake.serde.CdcTypeInfo;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;

/**
 * Turns Debezium {@link SourceRecord}s straight into {@link CdcEvent}s: no JSON round trip; the
 * per-column conversions are derived once per table schema and reused.
 */
public final class ChangeEventDeserializer implements DebeziumDeserializationSchema<CdcEvent> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_CACHED_SCHEMAS = 4096;
    private static final String NEW_KEY_HEADER = "__debezium.newkey";
    private static final String OLD_KEY_HEADER = "__debezium.oldkey";

    /** {@code _tx_order} = events since the transaction's start x this + row in the event. */
    static final long TX_ORDER_ROWS = 1_000_000L;

    private transient Map<Schema, TableConversion> conversions;
    private transient SchemaChangeParser schemaChangeParser;

    @Override
    public void deserialize(SourceRecord record, Collector<CdcEvent> out) {
        if (RecordUtils.isHeartbeatEvent(record)) {
            BinlogOffset offset = RecordUtils.getBinlogPosition(record);
            out.collect(
                    new SourceProgress(
                            new BinlogPosition(offset.getFilename(), offset.getPosition(), 0)));
            return;
        }
        if (!(record.value() instanceof Struct value)) {
            return; // tombstone
        }
        if (RecordUtils.isSchemaChangeEvent(record)) {
            if (schemaChangeParser == null) {
                schemaChangeParser = new SchemaChangeParser();
            }
            for (SchemaChange change : schemaChangeParser.parse(value)) {
                out.collect(change);
            }
            return;
        }
        if (!RecordUtils.isDataChangeRecord(record)) {
            return;
        }
        out.collect(rowChange(record, value));
    }

    private RowChange rowChange(SourceRecord record, Struct value) {
        Struct source = value.getStruct("source");
        TableId table = new TableId(source.getString("db"), source.getString("table"));
        Op op = Op.ofCode(value.getString("op"));
        Schema rowSchema = value.schema().field(op == Op.DELETE ? "before" : "after").schema();
        TableConversion conversion = conversion(table, rowSchema, record.keySchema());
        Object[] before =
                op == Op.UPDATE || op == Op.DELETE
                        ? conversion.image(value.getStruct("before"))
                        : null;
        Object[] after = op == Op.DELETE ? null : conversion.image(value.getStruct("after"));
        if (op == Op.READ) {
            return RowChange.of(conversion.schema(), op, before, after, 0L, null);
        }
        Long pos = source.getInt64("pos");
        Integer row = source.getInt32("row");
        String file = source.getString("file");
        BinlogPosition position =
                new BinlogPosition(file, pos == null ? 0L : pos, row == null ? 0 : row);
        Long tsMs = source.getInt64("ts_ms");
        String gtid = optionalString(source, "gtid");
        Map<String, ?> offset = record.sourceOffset();
        String txId = gtid != null ? gtid : file + ":" + offset.get("pos");
        long txOrder = number(offset.get("event")) * TX_ORDER_ROWS + number(offset.get("row"));
        boolean pkChanged =
                record.headers().lastWithName(NEW_KEY_HEADER) != null
                        || record.headers().lastWithName(OLD_KEY_HEADER) != null;
        return RowChange.of(
                        conversion.schema(),
                        op,
                        before,
                        after,
                        tsMs == null ? 0L : tsMs * 1000L,
                        position)
                .withSource(gtid, optionalString(source, "query"), txId, txOrder, pkChanged);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private TableConversion conversion(TableId table, Schema rowSchema, Schema keySchema) {
        if (conversions == null) {
            conversions = new IdentityHashMap<>();
        }
        TableConversion conversion = conversions.get(rowSchema);
        if (conversion == null) {
            if (conversions.size() >= MAX_CACHED_SCHEMAS) {
                conversions.clear();
            }
            conversion = ConnectSchemas.conversionOf(table, rowSchema, keySchema);
            conversions.put(rowSchema, conversion);
        }
        return conversion;
    }

    private static String optionalString(Struct struct, String field) {
        return struct.schema().field(field) == null ? null : struct.getString(field);
    }

    @Override
    public TypeInformation<CdcEvent> getProducedType() {
        return CdcTypeInfo.EVENTS;
    }
}

package io.historylake.job.sink;

import io.historylake.lake.AvroSchemas;
import io.historylake.lake.MetadataColumn;
import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.RowChange;
import io.historylake.model.TableSchema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link RowChange}s of one table and schema version straight to Parquet (no intermediate
 * Avro records): source columns of the lake image, then the metadata columns. The file's footer
 * carries the Avro schema, so Avro-based readers see the same contract.
 */
final class RowChangeWriteSupport extends WriteSupport<RowChange> {

    private static final MetadataColumn[] METADATA = MetadataColumn.values();

    private final TableSchema table;
    private final int version;
    private final MessageType messageType;
    private final LakeType[] types;
    private final int[] fixedLengths;
    private RecordConsumer consumer;

    RowChangeWriteSupport(TableSchema table, int version) {
        this.table = table;
        this.version = version;
        this.messageType = ParquetSchemas.of(table);
        List<Column> columns = table.columns();
        this.types = new LakeType[columns.size()];
        this.fixedLengths = new int[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).lakeType();
            if (types[i].kind() == LakeType.Kind.DECIMAL && types[i].precision() > 18) {
                fixedLengths[i] = ParquetSchemas.fixedLength(types[i].precision());
            }
        }
    }

    @Override
    public WriteContext init(Configuration configuration) {
        Map<String, String> metadata = new HashMap<>();
        if (AvroSchemas.namesAreAvroNames(table)) {
            // Avro readers map fields to Parquet columns by name: only when the names agree.
            metadata.put(
                    "parquet.avro.schema", AvroSchemas.lakeRowSchema(table, version).toString());
        }
        metadata.put("history_lake.table", table.table().qualified());
        metadata.put("history_lake.schema_version", Integer.toString(version));
        return new WriteContext(messageType, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(RowChange row) {
        consumer.startMessage();
        Object[] image = row.image();
        int field = 0;
        for (; field < types.length; field++) {
            Object value = image[field];
            if (value != null) {
                consumer.startField(messageType.getFieldName(field), field);
                writeValue(field, value);
                consumer.endField(messageType.getFieldName(field), field);
            }
        }
        if (row.history() == null) {
            throw new IllegalStateException(
                    "No row history for " + row + ": the pipeline skipped a step");
        }
        for (MetadataColumn meta : METADATA) {
            Object value = metadataValue(meta, row);
            if (value != null) {
                String name = messageType.getFieldName(field);
                consumer.startField(name, field);
                writeTyped(meta.type(), value);
                consumer.endField(name, field);
            }
            field++;
        }
        consumer.endMessage();
    }

    private static Object metadataValue(MetadataColumn meta, RowChange row) {
        BinlogPosition position = row.position();
        return switch (meta) {
            case OP -> row.op().code();
            case EVENT_TIME -> row.eventTimeMicros();
            case EVENT_ID -> row.eventId();
            case SCHEMA_VERSION -> row.schemaVersion();
            case BINLOG_FILE -> position == null ? null : position.file();
            case BINLOG_POS -> position == null ? null : position.position();
            case ROW_IN_EVENT -> position == null ? null : position.row();
            case ROW_VERSION -> row.history().version();
            case PK_CHANGED -> row.pkChanged();
            case CHANGED_COLUMNS -> row.history().changedColumns();
            case USER_ID -> row.history().userId();
            case REQUEST_ID -> row.history().requestId();
            case TX_ID -> row.txId();
            case TX_ORDER -> row.txId() == null ? null : row.txOrder();
            case QUERY -> row.query();
        };
    }

    @SuppressWarnings("unchecked")
    private void writeTyped(LakeType type, Object value) {
        switch (type.kind()) {
            case INT -> consumer.addInteger((Integer) value);
            case LONG -> consumer.addLong((Long) value);
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
            case STRING -> consumer.addBinary(Binary.fromString((String) value));
            case TIMESTAMP_MICROS -> consumer.addLong((Long) value);
            case STRING_ARRAY -> writeList((List<String>) value);
            default -> throw new IllegalArgumentException("No metadata column of type " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private void writeValue(int field, Object value) {
        switch (types[field].kind()) {
            case INT, DATE -> consumer.addInteger((Integer) value);
            case LONG, TIMESTAMP_MICROS -> consumer.addLong((Long) value);
            case FLOAT -> consumer.addFloat((Float) value);
            case DOUBLE -> consumer.addDouble((Double) value);
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
            case STRING -> consumer.addBinary(Binary.fromString((String) value));
            case BYTES -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) value));
            case DECIMAL -> writeDecimal(field, (BigDecimal) value);
            case STRING_ARRAY -> writeList((List<String>) value);
        }
    }

    private void writeDecimal(int field, BigDecimal value) {
        LakeType type = types[field];
        if (type.precision() <= 9) {
            consumer.addInteger(value.unscaledValue().intValueExact());
        } else if (type.precision() <= 18) {
            consumer.addLong(value.unscaledValue().longValueExact());
        } else {
            byte[] unscaled = value.unscaledValue().toByteArray();
            byte[] fixed = new byte[fixedLengths[field]];
            byte pad = (byte) (unscaled[0] < 0 ? 0xFF : 0x00);
            int offset = fixed.length - unscaled.length;
            for (int i = 0; i < offset; i++) {
                fixed[i] = pad;
            }
            System.arraycopy(unscaled, 0, fixed, offset, unscaled.length);
            consumer.addBinary(Binary.fromConstantByteArray(fixed));
        }
    }

    private void writeList(List<String> values) {
        consumer.startGroup();
        if (!values.isEmpty()) {
            consumer.startField("list", 0);
            for (String value : values) {
                consumer.startGroup();
                consumer.startField("element", 0);
                consumer.addBinary(Binary.fromString(value));
                consumer.endField("element", 0);
                consumer.endGroup();
            }
            consumer.endField("list", 0);
        }
        consumer.endGroup();
    }
}

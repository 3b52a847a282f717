package io.historylake.lake;

import io.historylake.model.LakeType;

/** The metadata columns every lake row carries after the source columns (all start with '_'). */
public enum MetadataColumn {
    /** r (snapshot read), c (insert), u (update), d (delete). */
    OP("_op", LakeType.STRING, false),
    /** Commit time (snapshot reads: the snapshot time), UTC. */
    EVENT_TIME("_event_time", LakeType.TIMESTAMP_MICROS, false),
    /** Deterministic id: the same change read twice has the same id. */
    EVENT_ID("_event_id", LakeType.STRING, false),
    /** The table's schema version the row was written under. */
    SCHEMA_VERSION("_schema_version", LakeType.INT, false),
    /** Binlog file of the change; null for snapshot reads. */
    BINLOG_FILE("_binlog_file", LakeType.STRING, true),
    /** Byte position of the row event in the binlog file; null for snapshot reads. */
    BINLOG_POS("_binlog_pos", LakeType.LONG, true),
    /** Index of the row inside its binlog event; null for snapshot reads. */
    ROW_IN_EVENT("_row_in_event", LakeType.INT, true);

    private final String columnName;
    private final LakeType type;
    private final boolean nullable;

    MetadataColumn(String columnName, LakeType type, boolean nullable) {
        this.columnName = columnName;
        this.type = type;
        this.nullable = nullable;
    }

    public String columnName() {
        return columnName;
    }

    public LakeType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }
}

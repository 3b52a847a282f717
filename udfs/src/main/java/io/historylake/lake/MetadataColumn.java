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
    ROW_IN_EVENT("_row_in_event", LakeType.INT, true),
    /** 1 for the first change seen of the primary key, +1 for each later change. */
    ROW_VERSION("_row_version", LakeType.LONG, false),
    /** Whether the row is half of a primary-key update (delete of old key, insert of new). */
    PK_CHANGED("_pk_changed", LakeType.BOOLEAN, false),
    /** Columns an update changed; empty for inserts, deletes, snapshot reads, no-op updates. */
    CHANGED_COLUMNS("_changed_columns", LakeType.STRING_ARRAY, false),
    /** Who made the change (statement tag or configured column), or null. */
    USER_ID("_user_id", LakeType.STRING, true),
    /** The request the change was made in (statement tag), or null. */
    REQUEST_ID("_request_id", LakeType.STRING, true),
    /** The transaction: GTID, else binlog file:position of its start; null for snapshot reads. */
    TX_ID("_tx_id", LakeType.STRING, true),
    /** Orders the rows of a transaction; null for snapshot reads. */
    TX_ORDER("_tx_order", LakeType.LONG, true),
    /** The statement text, with --capture-query only. */
    QUERY("_query", LakeType.STRING, true);

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

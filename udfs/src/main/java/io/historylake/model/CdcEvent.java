package io.historylake.model;

/**
 * An event read from the source database: a row change, a schema change (DDL), or a progress mark
 * that says the source has read the binlog up to a position (used by bounded runs).
 */
public sealed interface CdcEvent extends java.io.Serializable
        permits RowChange, SchemaChange, SchemaVersion, SourceProgress {

    /** Binlog coordinates of the event; null for snapshot reads. */
    BinlogPosition position();
}

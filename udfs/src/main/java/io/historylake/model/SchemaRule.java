package io.historylake.model;

/** The rules a schema change is checked against, each with its severity. */
public enum SchemaRule {
    ADD_COLUMN(Severity.COMPATIBLE),
    WIDEN_INTEGER(Severity.COMPATIBLE),
    FLOAT_TO_DOUBLE(Severity.COMPATIBLE),
    WIDEN_STRING(Severity.COMPATIBLE),
    WIDEN_DECIMAL(Severity.COMPATIBLE),
    APPEND_ENUM_VALUES(Severity.COMPATIBLE),
    DROP_COLUMN(Severity.WARNED),
    MAKE_NULLABLE(Severity.WARNED),
    RENAME_COLUMN(Severity.VIOLATION),
    CHANGE_TYPE(Severity.VIOLATION),
    CHANGE_DECIMAL_SCALE(Severity.VIOLATION),
    REORDER_OR_REMOVE_ENUM_VALUES(Severity.VIOLATION),
    READD_WITH_OTHER_TYPE(Severity.VIOLATION),
    /** Avro: the new version cannot read files of an earlier version (checked transitively). */
    AVRO_BACKWARD_INCOMPATIBLE(Severity.VIOLATION),
    /**
     * Avro: readers pinned to an earlier version cannot read the new one (noted, e.g. widening).
     */
    AVRO_FORWARD_INCOMPATIBLE(Severity.COMPATIBLE);

    /** How a finding affects the table. */
    public enum Severity {
        /** A new schema version; nothing else to do. */
        COMPATIBLE,
        /** A new schema version, and a warning. */
        WARNED,
        /** History would be corrupted: the table's policy decides (fail, quarantine, string). */
        VIOLATION
    }

    private final Severity severity;

    SchemaRule(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}

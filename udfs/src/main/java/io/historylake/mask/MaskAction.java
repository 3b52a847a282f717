package io.historylake.mask;

/** What masking does to a column's values before anything is written or published. */
public enum MaskAction {
    /** The column leaves the lake altogether. */
    DROP,
    /** Values become the hex SHA-256 of salt and value (joinable, not readable). */
    HASH,
    /** Values become null; the column stays. */
    NULL
}

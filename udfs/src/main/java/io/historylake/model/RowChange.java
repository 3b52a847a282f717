package io.historylake.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One changed row, immutable: the table's schema, the op, the before and after images (values in
 * the Java types of each column's {@link LakeType}), and where and when the change happened.
 *
 * @param schema the table's columns as the source saw them for this row
 * @param schemaVersion the table's schema version, 0 until the enrichment step assigns it
 * @param op insert, update, delete or snapshot read
 * @param before the row before the change (updates and deletes), else null
 * @param after the row after the change (snapshot reads, inserts, updates; for the delete half of a
 *     primary-key update, the row under its new key), else null
 * @param eventTimeMicros commit time in microseconds since the epoch (UTC); for snapshot reads 0
 *     until the enrichment step stamps the snapshot time
 * @param position binlog coordinates; null for snapshot reads
 * @param gtid the transaction's GTID when the server has one, else null
 * @param query the SQL statement that made the change when the binlog carries it, else null
 * @param txId the transaction: its GTID, else {@code file:position} of its first event; null for
 *     snapshot reads
 * @param txOrder orders the rows of a transaction (a pure function of binlog coordinates)
 * @param pkChanged whether the change is half of a primary-key update (delete of the old key or
 *     insert of the new one)
 * @param eventId the deterministic id, null until the enrichment step assigns it
 * @param history row version, changed columns and attribution; null until the row-history step
 * @param quarantined whether the row goes to the quarantine (its table's schema change violated the
 *     rules under the quarantine policy) instead of the lake
 * @param tableSeenWhole whether every row its table holds came through this job, as a snapshot read
 *     or as an insert after the table's {@code CREATE TABLE} (set by the enrichment step): a key of
 *     such a table that the row-history step keeps no version for was read or inserted once and not
 *     changed since
 */
public record RowChange(
        TableSchema schema,
        int schemaVersion,
        Op op,
        Object[] before,
        Object[] after,
        long eventTimeMicros,
        BinlogPosition position,
        String gtid,
        String query,
        String txId,
        long txOrder,
        boolean pkChanged,
        String eventId,
        RowHistory history,
        boolean quarantined,
        boolean tableSeenWhole)
        implements CdcEvent {

    public RowChange {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(op, "op");
        boolean afterOk = op == Op.DELETE ? after == null || pkChanged : after != null;
        if (!afterOk || (op == Op.UPDATE || op == Op.DELETE) != (before != null)) {
            throw new IllegalArgumentException("Images do not match op " + op);
        }
    }

    /** A change as the source reads it: no transaction metadata, nothing enriched yet. */
    public static RowChange of(
            TableSchema schema,
            Op op,
            Object[] before,
            Object[] after,
            long eventTimeMicros,
            BinlogPosition position) {
        return new RowChange(
                schema,
                0,
                op,
                before,
                after,
                eventTimeMicros,
                position,
                null,
                null,
                null,
                0L,
                false,
                null,
                null,
                false,
                false);
    }

    /** The table the row belongs to. */
    public TableId table() {
        return schema.table();
    }

    /** The image stored in the lake: the after image, or the before image of a delete. */
    public Object[] image() {
        return op == Op.DELETE ? before : after;
    }

    /** The delete half of a primary-key update, given the row under its new key. */
    public RowChange withNewKeyImage(Object[] newImage) {
        return new RowChange(
                schema,
                schemaVersion,
                op,
                before,
                newImage,
                eventTimeMicros,
                position,
                gtid,
                query,
                txId,
                txOrder,
                pkChanged,
                eventId,
                history,
                quarantined,
                tableSeenWhole);
    }

    /** This change with the enrichment step's schema version, event time and event id. */
    public RowChange enriched(int version, long eventTime, String id) {
        return enriched(schema, before, after, version, eventTime, id, quarantined, tableSeenWhole);
    }

    /**
     * This change with a schema version, event time and id, whether it is quarantined and whether
     * its table was seen whole.
     */
    public RowChange enriched(
            TableSchema landed,
            Object[] beforeImage,
            Object[] afterImage,
            int version,
            long eventTime,
            String id,
            boolean toQuarantine,
            boolean seenWhole) {
        return new RowChange(
                landed,
                version,
                op,
                beforeImage,
                afterImage,
                eventTime,
                position,
                gtid,
                query,
                txId,
                txOrder,
                pkChanged,
                id,
                history,
                toQuarantine,
                seenWhole);
    }

    /** This change with its row history. */
    public RowChange withHistory(RowHistory rowHistory) {
        return new RowChange(
                schema,
                schemaVersion,
                op,
                before,
                after,
                eventTimeMicros,
                position,
                gtid,
                query,
                txId,
                txOrder,
                pkChanged,
                eventId,
                rowHistory,
                quarantined,
                tableSeenWhole);
    }

    /** This change with transaction metadata, SQL text and the primary-key-change flag. */
    public RowChange withSource(
            String gtidValue, String sql, String tx, long order, boolean keyChanged) {
        return new RowChange(
                schema,
                schemaVersion,
                op,
                before,
                after,
                eventTimeMicros,
                position,
                gtidValue,
                sql,
                tx,
                order,
                keyChanged,
                eventId,
                history,
                quarantined,
                tableSeenWhole);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowChange r
                && schemaVersion == r.schemaVersion
                && eventTimeMicros == r.eventTimeMicros
                && txOrder == r.txOrder
                && pkChanged == r.pkChanged
                && quarantined == r.quarantined
                && tableSeenWhole == r.tableSeenWhole
                && op == r.op
                && schema.equals(r.schema)
                && Arrays.deepEquals(before, r.before)
                && Arrays.deepEquals(after, r.after)
                && Objects.equals(position, r.position)
                && Objects.equals(gtid, r.gtid)
                && Objects.equals(query, r.query)
                && Objects.equals(txId, r.txId)
                && Objects.equals(eventId, r.eventId)
                && Objects.equals(history, r.history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema.table(), op, position, eventId, Arrays.deepHashCode(image()));
    }

    @Override
    public String toString() {
        return "RowChange{"
                + schema.table()
                + " "
                + op.code()
                + " v"
                + schemaVersion
                + " @"
                + position
                + " "
                + Arrays.deepToString(image())
                + (history == null ? "" : " " + history)
                + (quarantined ? " quarantined" : "")
                + (tableSeenWhole ? " seen-whole" : "")
                + "}";
    }
}

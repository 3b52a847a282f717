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
 * @param after the row after the change (snapshot reads, inserts, updates), else null
 * @param eventTimeMicros commit time in microseconds since the epoch (UTC); for snapshot reads 0
 *     until the enrichment step stamps the snapshot time
 * @param position binlog coordinates; null for snapshot reads
 * @param gtid the transaction's GTID when the server has one, else null
 * @param query the SQL statement that made the change when the binlog carries it, else null
 * @param eventId the deterministic id, null until the enrichment step assigns it
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
        String eventId)
        implements CdcEvent {

    public RowChange {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(op, "op");
        if ((op == Op.DELETE) != (after == null)
                || (op == Op.UPDATE || op == Op.DELETE) != (before != null)) {
            throw new IllegalArgumentException("Images do not match op " + op);
        }
    }

    /** The table the row belongs to. */
    public TableId table() {
        return schema.table();
    }

    /** The image stored in the lake: the after image, or the before image of a delete. */
    public Object[] image() {
        return after != null ? after : before;
    }

    /** This change with the enrichment step's schema version, event time and event id. */
    public RowChange enriched(int version, long eventTime, String id) {
        return new RowChange(
                schema, version, op, before, after, eventTime, position, gtid, query, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowChange r
                && schemaVersion == r.schemaVersion
                && eventTimeMicros == r.eventTimeMicros
                && op == r.op
                && schema.equals(r.schema)
                && Arrays.deepEquals(before, r.before)
                && Arrays.deepEquals(after, r.after)
                && Objects.equals(position, r.position)
                && Objects.equals(gtid, r.gtid)
                && Objects.equals(query, r.query)
                && Objects.equals(eventId, r.eventId);
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
                + "}";
    }
}

package io.historylake.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One changed row, immutable: the table's schema, the op, the before and after images (values in
 * the Java types of each column's {@link LakeType}), where and when the change happened, and what
 * the enrichment steps add to it. Made by the source with {@link #of} and {@link #withSource}; each
 * step after it returns a new row.
 *
 * @param schema the table's columns as the row lands (as the source saw them, unless violated
 *     columns land as strings)
 * @param op insert, update, delete or snapshot read
 * @param before the row before the change (updates and deletes), else null
 * @param after the row after the change (snapshot reads, inserts, updates; for the delete half of a
 *     primary-key update, the row under its new key), else null
 * @param eventTimeMicros commit time in microseconds since the epoch (UTC); for snapshot reads 0
 *     until the enrichment step stamps the snapshot time
 * @param position binlog coordinates; null for snapshot reads
 * @param source transaction and statement ({@link SourceContext#NONE} when unknown)
 * @param landing the table's schema version and where the row goes; null until the enrichment step
 * @param eventId the deterministic id, null until the enrichment step assigns it
 * @param history row version, changed columns and attribution; null until the row-history step
 */
public record RowChange(
        TableSchema schema,
        Op op,
        Object[] before,
        Object[] after,
        long eventTimeMicros,
        BinlogPosition position,
        SourceContext source,
        Landing landing,
        String eventId,
        RowHistory history)
        implements CdcEvent {

    public RowChange {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(source, "source");
        boolean afterOk = op == Op.DELETE ? after == null || source.pkChanged() : after != null;
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
                op,
                before,
                after,
                eventTimeMicros,
                position,
                SourceContext.NONE,
                null,
                null,
                null);
    }

    /** The table the row belongs to. */
    public TableId table() {
        return schema.table();
    }

    /** The image stored in the lake: the after image, or the before image of a delete. */
    public Object[] image() {
        return op == Op.DELETE ? before : after;
    }

    /** The table's schema version, 0 until the enrichment step assigns it. */
    public int schemaVersion() {
        return landing == null ? 0 : landing.schemaVersion();
    }

    /** Whether the row goes to the quarantine instead of the lake. */
    public boolean quarantined() {
        return landing != null && landing.destination() == Landing.Destination.QUARANTINE;
    }

    /** See {@link Landing#tableSeenWhole()}; false until the enrichment step. */
    public boolean tableSeenWhole() {
        return landing != null && landing.tableSeenWhole();
    }

    public String gtid() {
        return source.gtid();
    }

    public String query() {
        return source.query();
    }

    public String txId() {
        return source.txId();
    }

    public long txOrder() {
        return source.txOrder();
    }

    public boolean pkChanged() {
        return source.pkChanged();
    }

    /** The delete half of a primary-key update, given the row under its new key. */
    public RowChange withNewKeyImage(Object[] newImage) {
        return with(schema, before, newImage, eventTimeMicros, source, landing, eventId, history);
    }

    /** This change with transaction metadata, SQL text and the primary-key-change flag. */
    public RowChange withSource(
            String gtidValue, String sql, String tx, long order, boolean keyChanged) {
        SourceContext context = new SourceContext(gtidValue, sql, tx, order, keyChanged);
        return with(schema, before, after, eventTimeMicros, context, landing, eventId, history);
    }

    /**
     * This change as the enrichment step lands it: under {@code landed} (with its images), at
     * {@code eventTime}, with its landing and event id.
     */
    public RowChange enriched(
            TableSchema landed,
            Object[] beforeImage,
            Object[] afterImage,
            long eventTime,
            Landing to,
            String id) {
        return with(landed, beforeImage, afterImage, eventTime, source, to, id, history);
    }

    /** This change landed as it is: its own schema and images, at {@code eventTime}. */
    public RowChange enriched(Landing to, long eventTime, String id) {
        return enriched(schema, before, after, eventTime, to, id);
    }

    /** This change with its row history. */
    public RowChange withHistory(RowHistory rowHistory) {
        return with(schema, before, after, eventTimeMicros, source, landing, eventId, rowHistory);
    }

    private RowChange with(
            TableSchema s,
            Object[] b,
            Object[] a,
            long time,
            SourceContext context,
            Landing to,
            String id,
            RowHistory h) {
        return new RowChange(s, op, b, a, time, position, context, to, id, h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowChange r
                && eventTimeMicros == r.eventTimeMicros
                && op == r.op
                && schema.equals(r.schema)
                && Arrays.deepEquals(before, r.before)
                && Arrays.deepEquals(after, r.after)
                && Objects.equals(position, r.position)
                && source.equals(r.source)
                && Objects.equals(landing, r.landing)
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
                + (landing == null ? "" : " v" + landing.schemaVersion())
                + " @"
                + position
                + " "
                + Arrays.deepToString(image())
                + (history == null ? "" : " " + history)
                + (quarantined() ? " quarantined" : "")
                + (tableSeenWhole() ? " seen-whole" : "")
                + "}";
    }
}

package io.historylake.testing;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Landing;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.util.List;

/** Builders of row changes of {@code shop.orders(id INT PK, note VARCHAR)} for tests. */
public final class Changes {

    public static final TableId TABLE = new TableId("shop", "orders");

    /** The commit time of every binlog change built here: a whole second, as binlog times are. */
    public static final long TIME = 1_700_000_000_000_000L;

    private Changes() {}

    public static TableSchema schema() {
        return new TableSchema(
                TABLE,
                List.of(
                        new Column("id", "INT", 11, -1, false, List.of(), LakeType.INT),
                        new Column("note", "VARCHAR", 20, -1, true, List.of(), LakeType.STRING)),
                List.of("id"));
    }

    /** The schema with one more column, {@code extra BIGINT}. */
    public static TableSchema widerSchema() {
        return new TableSchema(
                TABLE,
                List.of(
                        new Column("id", "INT", 11, -1, false, List.of(), LakeType.INT),
                        new Column("note", "VARCHAR", 20, -1, true, List.of(), LakeType.STRING),
                        new Column("extra", "BIGINT", 20, -1, true, List.of(), LakeType.LONG)),
                List.of("id"));
    }

    /** Binlog coordinates of an event at {@code pos}. */
    public static BinlogPosition at(long pos) {
        return new BinlogPosition("binlog.000001", pos, 0);
    }

    public static RowChange snapshot(int id, String note) {
        return RowChange.of(schema(), Op.READ, null, new Object[] {id, note}, 0L, null);
    }

    public static RowChange insert(int id, String note, long pos) {
        return RowChange.of(schema(), Op.CREATE, null, new Object[] {id, note}, TIME, at(pos));
    }

    public static RowChange update(int id, String before, String after, long pos) {
        return RowChange.of(
                schema(),
                Op.UPDATE,
                new Object[] {id, before},
                new Object[] {id, after},
                TIME,
                at(pos));
    }

    public static RowChange delete(int id, String note, long pos) {
        return RowChange.of(schema(), Op.DELETE, new Object[] {id, note}, null, TIME, at(pos));
    }

    public static RowChange insertWide(int id, String note, long extra, long pos) {
        return RowChange.of(
                widerSchema(), Op.CREATE, null, new Object[] {id, note, extra}, TIME, at(pos));
    }

    /** The change as the enrichment step passes it on for a table the job has seen whole. */
    public static RowChange seenWhole(RowChange change) {
        return change.enriched(
                change.schema(),
                change.before(),
                change.after(),
                change.eventTimeMicros(),
                Landing.of(Math.max(1, change.schemaVersion()), change.quarantined(), true),
                change.eventId());
    }
}

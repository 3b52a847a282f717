package io.historylake.testing;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.util.List;

/** Builders of row changes for tests. */
public final class Changes {

    public static final TableId TABLE = new TableId("shop", "orders");

    private Changes() {}

    /** shop.orders(id INT PK, note VARCHAR). */
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

    public static RowChange snapshot(int id, String note) {
        return new RowChange(
                schema(), 0, Op.READ, null, new Object[] {id, note}, 0L, null, null, null, null);
    }

    public static RowChange insert(int id, String note, long pos) {
        return new RowChange(
                schema(),
                0,
                Op.CREATE,
                null,
                new Object[] {id, note},
                1_700_000_000_000_000L,
                new BinlogPosition("binlog.000001", pos, 0),
                null,
                null,
                null);
    }

    public static RowChange update(int id, String before, String after, long pos) {
        return new RowChange(
                schema(),
                0,
                Op.UPDATE,
                new Object[] {id, before},
                new Object[] {id, after},
                1_700_000_000_000_000L,
                new BinlogPosition("binlog.000001", pos, 0),
                null,
                null,
                null);
    }

    public static RowChange delete(int id, String note, long pos) {
        return new RowChange(
                schema(),
                0,
                Op.DELETE,
                new Object[] {id, note},
                null,
                1_700_000_000_000_000L,
                new BinlogPosition("binlog.000001", pos, 0),
                null,
                null,
                null);
    }

    public static RowChange insertWide(int id, String note, long extra, long pos) {
        return new RowChange(
                widerSchema(),
                0,
                Op.CREATE,
                null,
                new Object[] {id, note, extra},
                1_700_000_000_000_000L,
                new BinlogPosition("binlog.000001", pos, 0),
                null,
                null,
                null);
    }
}

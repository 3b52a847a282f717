package io.historylake.job.capture.binlog;

import io.historylake.job.capture.schema.CapturedTable;
import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.shaded.binlog.event.TableMapEventData;
import io.historylake.shaded.binlog.event.deserialization.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * The binlog's description of a table's rows (its table map) disagrees with the schema the capture
 * holds for it at that position: reading on would land wrong values, so the capture stops.
 */
public final class SchemaMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private SchemaMismatchException(String message) {
        super(message);
    }

    static SchemaMismatchException of(
            CapturedTable table, TableMapEventData map, BinlogPosition at) {
        List<String> binlog = new ArrayList<>();
        byte[] types = map.getColumnTypes();
        List<String> names =
                map.getEventMetadata() == null ? null : map.getEventMetadata().getColumnNames();
        for (int i = 0; i < types.length; i++) {
            ColumnType type = ColumnType.byCode(types[i] & 0xFF);
            String name = names != null && i < names.size() ? names.get(i) + " " : "";
            binlog.add(name + (type == null ? "type " + (types[i] & 0xFF) : type.name()));
        }
        List<String> schema = new ArrayList<>();
        for (Column column : table.schema().columns()) {
            schema.add(column.name() + " " + column.mysqlType());
        }
        return new SchemaMismatchException(
                "The binlog at "
                        + at
                        + " describes table "
                        + table.schema().table()
                        + " as "
                        + binlog
                        + " but the capture's schema history has "
                        + schema
                        + ". A DDL statement was not applied (unreadable to the DDL parser, or"
                        + " run while the binlog was not read). Nothing after this position was"
                        + " landed for the table. Fix: start a new snapshot of the table"
                        + " (--snapshot.new true with a new lake or table selection), and report"
                        + " the statement if the parser could not read it.");
    }
}

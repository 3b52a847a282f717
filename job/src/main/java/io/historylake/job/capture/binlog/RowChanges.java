package io.historylake.job.capture.binlog;

import io.historylake.job.capture.KeyOrder;
import io.historylake.job.capture.TableWindow;
import io.historylake.job.capture.schema.CapturedTable;
import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.shaded.binlog.event.DeleteRowsEventData;
import io.historylake.shaded.binlog.event.EventHeaderV4;
import io.historylake.shaded.binlog.event.TableMapEventData;
import io.historylake.shaded.binlog.event.UpdateRowsEventData;
import io.historylake.shaded.binlog.event.WriteRowsEventData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rows events to row changes: values by {@link RowImages} (made once per table map), the
 * transaction's context, a primary-key update as its delete and insert halves, and the rows the
 * snapshot already holds left out.
 */
final class RowChanges {

    /** {@code _tx_order} = rows event in the transaction x this + row in the event. */
    static final long TX_ORDER_ROWS = 1_000_000L;

    private final DdlEvents ddl;
    private final KeyOrder.Collations collations;
    private final Map<Long, RowImages> images = new HashMap<>();

    /** TIMESTAMP's largest value, 2038-01-19 03:14:07 UTC, in microseconds: a current row's end. */
    private static final long CURRENT_ROW_END = 2_147_483_647_000_000L;

    private final java.util.concurrent.atomic.AtomicLong historyRows;

    RowChanges(
            DdlEvents ddl,
            KeyOrder.Collations collations,
            java.util.concurrent.atomic.AtomicLong historyRows) {
        this.historyRows = historyRows;
        this.ddl = ddl;
        this.collations = collations;
    }

    void forgetTableMap(long tableId) {
        images.remove(tableId);
    }

    void forgetAllTableMaps() {
        images.clear();
    }

    TableRows forTable(
            long tableId,
            TableId table,
            TableMapEventData map,
            BinlogPosition at,
            Map<TableId, TableWindow> windows,
            int rowsEvent) {
        RowImages rowImages = images.get(tableId);
        if (rowImages == null) {
            rowImages = ddl.images(table, map, at);
            images.put(tableId, rowImages);
        }
        return new TableRows(rowImages, windows.get(table), rowsEvent);
    }

    /** The rows of one rows event of one table. */
    final class TableRows {
        private final RowImages images;
        private final TableWindow window;
        private final long txOrderBase;
        private final int[] keyIndexes;
        private final int[] windowKeyIndexes;

        TableRows(RowImages images, TableWindow window, int rowsEvent) {
            this.images = images;
            this.window = window;
            this.txOrderBase = rowsEvent * TX_ORDER_ROWS;
            this.keyIndexes = images.table().schema().primaryKeyIndexes();
            this.windowKeyIndexes = window == null ? null : indexes(images.table(), window);
        }

        List<CdcEvent> inserts(
                WriteRowsEventData d, BinlogPosition at, TransactionContext tx, EventHeaderV4 h) {
            List<CdcEvent> out = new ArrayList<>(d.getRows().size());
            List<Serializable[]> rows = d.getRows();
            for (int i = 0; i < rows.size(); i++) {
                Object[] after = images.image(rows.get(i), d.getIncludedColumns());
                if (history(after)) {
                    continue; // MariaDB's copy of an old version, not a change of the row
                }
                add(out, Op.CREATE, null, after, at, i, tx, h, false);
            }
            return out;
        }

        List<CdcEvent> deletes(
                DeleteRowsEventData d, BinlogPosition at, TransactionContext tx, EventHeaderV4 h) {
            List<CdcEvent> out = new ArrayList<>(d.getRows().size());
            List<Serializable[]> rows = d.getRows();
            for (int i = 0; i < rows.size(); i++) {
                Object[] before = images.image(rows.get(i), d.getIncludedColumns());
                if (history(before)) {
                    continue; // DELETE HISTORY
                }
                add(out, Op.DELETE, before, null, at, i, tx, h, false);
            }
            return out;
        }

        List<CdcEvent> updates(
                UpdateRowsEventData d, BinlogPosition at, TransactionContext tx, EventHeaderV4 h) {
            List<CdcEvent> out = new ArrayList<>(d.getRows().size());
            var rows = d.getRows();
            for (int i = 0; i < rows.size(); i++) {
                Object[] before =
                        images.image(rows.get(i).getKey(), d.getIncludedColumnsBeforeUpdate());
                Object[] after = images.image(rows.get(i).getValue(), d.getIncludedColumns());
                if (history(before)) {
                    continue;
                }
                if (history(after)) {
                    // A DELETE of a system-versioned row ends its period: the row leaves the table.
                    add(out, Op.DELETE, before, null, at, i, tx, h, false);
                } else if (keyChanged(before, after)) {
                    add(out, Op.DELETE, before, null, at, i, tx, h, true);
                    add(out, Op.CREATE, null, after, at, i, tx, h, true);
                } else {
                    add(out, Op.UPDATE, before, after, at, i, tx, h, false);
                }
            }
            return out;
        }

        private void add(
                List<CdcEvent> out,
                Op op,
                Object[] before,
                Object[] after,
                BinlogPosition at,
                int row,
                TransactionContext tx,
                EventHeaderV4 header,
                boolean keyChanged) {
            BinlogPosition position = new BinlogPosition(at.file(), at.position(), row);
            if (window != null
                    && window.holds(position, key(op == Op.DELETE ? before : after), collations)) {
                return;
            }
            out.add(
                    RowChange.of(
                                    images.table().schema(),
                                    op,
                                    before,
                                    after,
                                    header.getTimestamp() * 1000L,
                                    position)
                            .withSource(
                                    tx.gtid(), tx.query(), tx.id(), txOrderBase + row, keyChanged));
        }

        /** Whether the image is a history row of a system-versioned table (counted if so). */
        private boolean history(Object[] image) {
            int rowEnd = images.table().rowEnd();
            if (rowEnd < 0 || !(image[rowEnd] instanceof Long end) || end >= CURRENT_ROW_END) {
                return false;
            }
            historyRows.incrementAndGet();
            return true;
        }

        private boolean keyChanged(Object[] before, Object[] after) {
            for (int index : keyIndexes) {
                if (index >= 0 && !Objects.deepEquals(before[index], after[index])) {
                    return true;
                }
            }
            return false;
        }

        private Object[] key(Object[] image) {
            Object[] key = new Object[windowKeyIndexes.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = image[windowKeyIndexes[i]];
            }
            return key;
        }
    }

    private static int[] indexes(CapturedTable table, TableWindow window) {
        int[] indexes = new int[window.order().columns().size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = table.schema().indexOf(window.order().columns().get(i).name());
            if (indexes[i] < 0) {
                throw new IllegalStateException(
                        "Snapshot chunk key column "
                                + window.order().columns().get(i).name()
                                + " of "
                                + window.table()
                                + " is gone from the table while its snapshot is merged into the"
                                + " binlog; start a new snapshot of the table (--snapshot.new true)");
            }
        }
        return indexes;
    }
}

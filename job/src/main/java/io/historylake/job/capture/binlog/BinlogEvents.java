package io.historylake.job.capture.binlog;

import io.historylake.job.capture.KeyOrder;
import io.historylake.job.capture.TableWindow;
import io.historylake.job.capture.schema.SchemaHistory;
import io.historylake.job.source.TableSelection;
import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.TableId;
import io.historylake.shaded.binlog.event.AnnotateRowsEventData;
import io.historylake.shaded.binlog.event.DeleteRowsEventData;
import io.historylake.shaded.binlog.event.Event;
import io.historylake.shaded.binlog.event.EventHeaderV4;
import io.historylake.shaded.binlog.event.EventType;
import io.historylake.shaded.binlog.event.GtidEventData;
import io.historylake.shaded.binlog.event.MariadbGtidEventData;
import io.historylake.shaded.binlog.event.QueryEventData;
import io.historylake.shaded.binlog.event.RotateEventData;
import io.historylake.shaded.binlog.event.RowsQueryEventData;
import io.historylake.shaded.binlog.event.TableMapEventData;
import io.historylake.shaded.binlog.event.UpdateRowsEventData;
import io.historylake.shaded.binlog.event.WriteRowsEventData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the binlog's events in order and turns them into batches of change records: the transaction
 * boundaries give the resume points, DDL moves the schema history on, table maps are checked
 * against it, rows events become row changes (see {@link RowChanges}).
 */
public final class BinlogEvents {

    private final TableSelection selection;
    private final BinlogPosition stopAt;
    private final Consumer<Batch> out;
    private final DdlEvents ddl;
    private final RowChanges rows;
    private final TransactionContext tx = new TransactionContext();
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();

    /** The selection per table: its regular expressions are compiled at each match. */
    private final Map<TableId, Boolean> selected = new HashMap<>();

    private final Map<TableId, TableWindow> windows;

    private String file;
    private BinlogOffset restart;
    private String skipFile;
    private long skipThrough;
    private long emittedThrough;
    private Map<TableId, TableWindow> windowsView;
    private boolean ended;

    /**
     * @param state where to start, with the schema history and snapshot windows there
     * @param serverTables reads a table's definition from the server now (after a DDL the parser
     *     could not read)
     */
    public BinlogEvents(
            BinlogState state,
            TableSelection selection,
            BinlogPosition stopAt,
            KeyOrder.Collations collations,
            DdlEvents.ServerTables serverTables,
            java.util.concurrent.atomic.AtomicLong historyRows,
            Consumer<Batch> out) {
        this.selection = selection;
        this.stopAt = stopAt;
        this.out = out;
        this.windows = new HashMap<>(state.windows());
        SchemaHistory schema = SchemaHistory.fromJson(state.schemaJson());
        this.ddl = new DdlEvents(schema, state.schemaJson(), selection, serverTables);
        this.rows = new RowChanges(ddl, collations, historyRows);
        this.restart =
                new BinlogOffset(
                        state.offset().file(),
                        state.offset().position(),
                        -1,
                        state.offset().gtid());
        this.file = state.offset().file();
        this.skipFile = state.offset().file();
        this.skipThrough = state.offset().emittedThrough();
        this.emittedThrough = skipThrough;
        this.windowsView = Map.copyOf(windows);
    }

    /** Where the binlog client should (re)connect: the last transaction boundary. */
    public BinlogOffset resumePoint() {
        return restart;
    }

    /**
     * Before reading again from {@link #resumePoint()}: what was handed on of the transaction that
     * starts there is not handed on again.
     */
    public void prepareReconnect() {
        skipFile = restart.file();
        skipThrough = emittedThrough;
        file = restart.file();
        tx.end();
        tableMaps.clear();
        rows.forgetAllTableMaps();
    }

    public boolean ended() {
        return ended;
    }

    public void onEvent(Event event) {
        EventHeaderV4 header = event.getHeader();
        EventType type = header.getEventType();
        switch (type) {
            case ROTATE -> rotate(event.getData());
            case MARIADB_GTID -> {
                MariadbGtidEventData g = event.getData();
                tx.begin(
                        file,
                        header.getPosition(),
                        // The event header carries the originating server id.
                        g.getDomainId() + "-" + header.getServerId() + "-" + g.getSequence());
            }
            case GTID ->
                    tx.begin(
                            file,
                            header.getPosition(),
                            ((GtidEventData) event.getData()).getGtid());
            case QUERY -> query(header, event.getData());
            case TABLE_MAP -> {
                TableMapEventData map = event.getData();
                tableMaps.put(map.getTableId(), map);
                rows.forgetTableMap(map.getTableId());
            }
            case ANNOTATE_ROWS ->
                    tx.query(((AnnotateRowsEventData) event.getData()).getRowsQuery());
            case ROWS_QUERY -> tx.query(((RowsQueryEventData) event.getData()).getQuery());
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData d = event.getData();
                rowsEvent(header, d.getTableId(), r -> r.inserts(d, at(header), tx, header));
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData d = event.getData();
                rowsEvent(header, d.getTableId(), r -> r.updates(d, at(header), tx, header));
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData d = event.getData();
                rowsEvent(header, d.getTableId(), r -> r.deletes(d, at(header), tx, header));
            }
            case XID -> commit(header);
            case HEARTBEAT -> {
                progress(header.getNextPosition());
                if (!ended) {
                    out.accept(new Batch(List.of(), state(), false));
                }
            }
            default -> {}
        }
    }

    private void rotate(RotateEventData data) {
        file = data.getBinlogFilename();
        if (!tx.open()) {
            restart = new BinlogOffset(file, data.getBinlogPosition(), -1, restart.gtid());
        }
        progress(data.getBinlogPosition());
    }

    private void query(EventHeaderV4 header, QueryEventData data) {
        String sql = data.getSql().strip();
        if (sql.equalsIgnoreCase("BEGIN")) {
            if (!tx.open()) {
                tx.begin(file, header.getPosition(), null);
            }
        } else if (sql.equalsIgnoreCase("COMMIT")) {
            commit(header);
        } else if (DdlEvents.isDdl(sql)) {
            List<CdcEvent> changes =
                    ddl.apply(
                            data.getDatabase(),
                            sql,
                            at(header),
                            header.getTimestamp() * 1000L,
                            windows);
            rows.forgetAllTableMaps();
            commit(header);
            out.accept(new Batch(changes, state(), false));
        }
    }

    private void rowsEvent(EventHeaderV4 header, long tableId, RowsReader reader) {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null) {
            throw new IllegalStateException(
                    "Rows event at "
                            + at(header)
                            + " without its table map: the binlog was"
                            + " entered in the middle of a transaction");
        }
        TableId table = new TableId(map.getDatabase(), map.getTable());
        if (!selected.computeIfAbsent(table, selection::matches)) {
            return;
        }
        tx.ensureOpen(file, header.getPosition());
        int rowsEvent = tx.nextRowsEvent();
        if (file.equals(skipFile) && header.getPosition() <= skipThrough) {
            return; // handed on before the restart
        }
        List<CdcEvent> changes =
                reader.read(rows.forTable(tableId, table, map, at(header), windows, rowsEvent));
        emittedThrough = header.getPosition();
        out.accept(new Batch(changes, state(), false));
    }

    private void commit(EventHeaderV4 header) {
        tx.end();
        restart =
                new BinlogOffset(
                        file,
                        header.getNextPosition(),
                        -1,
                        tx.gtid() != null ? tx.gtid() : restart.gtid());
        emittedThrough = -1;
        if (!windows.isEmpty()) {
            BinlogPosition here = new BinlogPosition(file, header.getNextPosition(), 0);
            if (windows.values().removeIf(w -> w.end().compareTo(here) <= 0)) {
                windowsView = Map.copyOf(windows);
            }
        }
        progress(header.getNextPosition());
    }

    /** A bounded run ends once the binlog is read up to its stop position. */
    private void progress(long position) {
        if (stopAt != null
                && !ended
                && !tx.open()
                && new BinlogPosition(file, position, 0).compareTo(stopAt) >= 0) {
            ended = true;
            out.accept(new Batch(List.of(), state(), true));
        }
    }

    private BinlogState state() {
        BinlogOffset offset =
                emittedThrough < 0
                        ? restart
                        : new BinlogOffset(
                                restart.file(), restart.position(), emittedThrough, restart.gtid());
        return new BinlogState(offset, ddl.schemaJson(), windowsView);
    }

    private BinlogPosition at(EventHeaderV4 header) {
        return new BinlogPosition(file, header.getPosition(), 0);
    }

    /** Reads one rows event with the table's reader. */
    private interface RowsReader {
        List<CdcEvent> read(RowChanges.TableRows table);
    }
}

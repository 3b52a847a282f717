package io.historylake.job.capture.binlog;

import io.historylake.job.capture.TableWindow;
import io.historylake.job.capture.schema.CapturedTable;
import io.historylake.job.capture.schema.SchemaHistory;
import io.historylake.job.source.TableSelection;
import io.historylake.job.source.TableStatements;
import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.SchemaChange;
import io.historylake.model.TableId;
import io.historylake.shaded.binlog.event.TableMapEventData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DDL from the binlog, applied to the schema history in binlog order. A table's DDL before its
 * first snapshot chunk is in that chunk's definition already and is not applied again. A statement
 * the parser cannot read is not skipped silently: it is logged with the statement, its tables'
 * histories record it, and their next table map is checked against the definition the server has
 * then; only if those agree does the capture go on.
 */
public final class DdlEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DdlEvents.class);
    private static final Pattern DDL =
            Pattern.compile(
                    "^(?:/\\*.*?\\*/\\s*)*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Reads a table's definition ({@code SHOW CREATE TABLE}) from the server now. */
    public interface ServerTables {
        String showCreateTable(TableId table);
    }

    private final SchemaHistory schema;
    private final TableSelection selection;
    private final ServerTables server;
    private final Set<TableId> unread = new HashSet<>();
    private String schemaJson;

    DdlEvents(
            SchemaHistory schema,
            String schemaJson,
            TableSelection selection,
            ServerTables server) {
        this.schema = schema;
        this.schemaJson = schemaJson;
        this.selection = selection;
        this.server = server;
    }

    static boolean isDdl(String sql) {
        return DDL.matcher(sql).find();
    }

    String schemaJson() {
        return schemaJson;
    }

    List<CdcEvent> apply(
            String database,
            String sql,
            BinlogPosition at,
            long timeMicros,
            Map<TableId, TableWindow> windows) {
        SchemaHistory before = schema.copy();
        Set<TableId> changed;
        try {
            changed = schema.apply(database == null ? "" : database, sql);
        } catch (RuntimeException e) {
            return unreadable(database, sql, at, timeMicros, e);
        }
        List<CdcEvent> out = new ArrayList<>();
        for (TableId table : changed) {
            if (!selection.matches(table)) {
                schema.remove(table); // the history holds the captured tables only
                continue;
            }
            TableWindow window = windows.get(table);
            if (window != null && at.compareTo(window.start()) < 0) {
                schema.copyTable(before, table); // the snapshot read it after this statement
                continue;
            }
            if (selection.matches(table)) {
                CapturedTable now = schema.table(table);
                out.add(
                        new SchemaChange(
                                table, sql, timeMicros, at, now == null ? null : now.schema()));
                unread.remove(table);
            }
        }
        for (TableId named : TableStatements.tablesLosingRows(sql, database)) {
            if (selection.matches(named) && !changed.contains(named)) {
                out.add(new SchemaChange(named, sql, timeMicros, at, null));
            }
        }
        schemaJson = schema.toJson();
        return out;
    }

    private List<CdcEvent> unreadable(
            String database, String sql, BinlogPosition at, long timeMicros, RuntimeException e) {
        List<CdcEvent> out = new ArrayList<>();
        for (TableId table : DdlTables.named(sql, database)) {
            if (selection.matches(table)) {
                unread.add(table);
                out.add(new SchemaChange(table, sql, timeMicros, at, null));
            }
        }
        LOG.warn(
                "The DDL parser could not read the statement at {} ({}); tables {} will be checked"
                        + " against the binlog's table map before their next rows: {}",
                at,
                e.getMessage(),
                unread,
                sql);
        return out;
    }

    /** The reader of a table's rows under this table map, checked against the history. */
    RowImages images(TableId table, TableMapEventData map, BinlogPosition at) {
        CapturedTable known = schema.table(table);
        if (known != null) {
            try {
                return RowImages.of(known, map, at);
            } catch (SchemaMismatchException e) {
                if (!unread.contains(table)) {
                    throw e;
                }
            }
        } else if (!unread.contains(table) && !selection.matches(table)) {
            throw new IllegalStateException("No schema for " + table + " at " + at);
        }
        // After a statement the parser could not read (or a table it never saw created), the
        // server's definition now is the candidate; the table map decides whether it holds.
        String now = server.showCreateTable(table);
        if (now == null) {
            throw new IllegalStateException(
                    "Rows of "
                            + table
                            + " at "
                            + at
                            + ": the schema history does not hold the table and the server no"
                            + " longer has it, so its values cannot be read. Exclude the table"
                            + " (--mysql.tables.exclude) or start a new snapshot (--snapshot.new"
                            + " true).");
        }
        schema.define(table, now);
        schemaJson = schema.toJson();
        unread.remove(table);
        LOG.warn(
                "Table {} at {}: definition read from the server and checked against the binlog's table map",
                table,
                at);
        return RowImages.of(schema.table(table), map, at);
    }
}

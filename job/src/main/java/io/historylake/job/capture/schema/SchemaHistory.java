package io.historylake.job.capture.schema;

import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.document.ArrayReader;
import io.debezium.document.ArrayWriter;
import io.debezium.relational.Table;
import io.debezium.relational.Tables;
import io.debezium.relational.history.JsonTableChangeSerializer;
import io.debezium.relational.history.TableChanges;
import io.historylake.model.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The definitions of the captured tables at one binlog position, moved forward by the DDL read from
 * the binlog in binlog order (Debezium's MySQL DDL parser does the reading). Kept in Flink state as
 * JSON, in the form of Debezium's own schema history.
 */
public final class SchemaHistory {

    private final Tables tables;
    private final Map<TableId, CapturedTable> captured = new HashMap<>();
    private MySqlAntlrDdlParser parser;

    private SchemaHistory(Tables tables) {
        this.tables = tables;
    }

    public static SchemaHistory empty() {
        return new SchemaHistory(new Tables());
    }

    /** Reads the JSON written by {@link #toJson}. */
    public static SchemaHistory fromJson(String json) {
        Tables tables = new Tables();
        try {
            TableChanges changes =
                    new JsonTableChangeSerializer()
                            .deserialize(ArrayReader.defaultReader().readArray(json), true);
            for (TableChanges.TableChange change : changes) {
                tables.overwriteTable(change.getTable());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable schema history in the job's state", e);
        }
        return new SchemaHistory(tables);
    }

    public String toJson() {
        TableChanges changes = new TableChanges();
        for (io.debezium.relational.TableId id : tables.tableIds()) {
            changes.create(tables.forTable(id));
        }
        try {
            return ArrayWriter.defaultWriter()
                    .write(new JsonTableChangeSerializer().serialize(changes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy that the DDL applied to this one does not change. */
    public SchemaHistory copy() {
        return new SchemaHistory(tables.clone());
    }

    /**
     * Applies a statement; returns the tables it created, changed, renamed or dropped.
     *
     * @param database the statement's default database (the binlog's {@code USE})
     * @throws io.debezium.text.ParsingException when the parser cannot read the statement
     */
    public Set<TableId> apply(String database, String ddl) {
        SystemVersioning.Rewrite rewrite = SystemVersioning.rewrite(ddl);
        Set<TableId> changed = new LinkedHashSet<>();
        if (rewrite.sql() != null) {
            if (parser == null) {
                parser = new MySqlAntlrDdlParser();
            }
            tables.drainChanges();
            parser.setCurrentDatabase(database);
            parser.parse(rewrite.sql(), tables);
            for (io.debezium.relational.TableId id : tables.drainChanges()) {
                changed.add(DebeziumTables.tableId(id));
            }
        } else {
            changed.addAll(SystemVersioning.alteredTables(ddl, database));
        }
        if (rewrite.action() != SystemVersioning.Action.NONE) {
            for (TableId table : changed) {
                Table definition = tables.forTable(DebeziumTables.debeziumId(table));
                if (definition != null) {
                    tables.overwriteTable(SystemVersioning.apply(definition, rewrite));
                }
            }
        }
        changed.forEach(captured::remove);
        return changed;
    }

    /** Sets a table's definition from its {@code SHOW CREATE TABLE} text (a snapshot read). */
    public void define(TableId table, String createTable) {
        tables.removeTable(DebeziumTables.debeziumId(table));
        apply(table.database(), createTable);
        if (!contains(table)) {
            throw new IllegalStateException(
                    "The DDL parser read no table " + table + " from: " + createTable);
        }
    }

    /** Takes a table's definition from another history. */
    public void copyTable(SchemaHistory other, TableId table) {
        Table definition = other.tables.forTable(DebeziumTables.debeziumId(table));
        if (definition == null) {
            tables.removeTable(DebeziumTables.debeziumId(table));
        } else {
            tables.overwriteTable(definition);
        }
        captured.remove(table);
    }

    /** Forgets a table (one the capture does not read). */
    public void remove(TableId table) {
        tables.removeTable(DebeziumTables.debeziumId(table));
        captured.remove(table);
    }

    /** The table as the capture reads it, or null when it does not exist here. */
    public CapturedTable table(TableId table) {
        CapturedTable known = captured.get(table);
        if (known == null) {
            Table definition = tables.forTable(DebeziumTables.debeziumId(table));
            if (definition == null) {
                return null;
            }
            known = DebeziumTables.captured(definition);
            captured.put(table, known);
        }
        return known;
    }

    public boolean contains(TableId table) {
        return tables.forTable(DebeziumTables.debeziumId(table)) != null;
    }
}

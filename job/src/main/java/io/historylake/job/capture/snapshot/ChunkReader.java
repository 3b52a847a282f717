package io.historylake.job.capture.snapshot;

import io.historylake.job.capture.KeyOrder;
import io.historylake.job.capture.schema.CapturedTable;
import io.historylake.job.capture.schema.SchemaHistory;
import io.historylake.job.config.MySqlConnection;
import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a table's snapshot chunk by chunk, in key order, each chunk in its own consistent snapshot
 * whose exact binlog position the server reports (MariaDB's {@code binlog_snapshot_file} and {@code
 * binlog_snapshot_position}): no locks, and no binlog backfill. The table's definition is read
 * before the snapshot starts and again while the chunk's read holds the table's metadata lock; if a
 * DDL committed in between, the chunk is read again. So every chunk's rows carry the definition
 * they were read with, and that definition is the one in force at the chunk's position.
 */
public final class ChunkReader implements AutoCloseable {

    private static final int ER_NO_SUCH_TABLE = 1146;
    private static final int ER_TABLE_DEF_CHANGED = 1412;
    private static final int MAX_ATTEMPTS = 20;

    private final Connection connection;
    private final Map<TableId, String> chunkKeys;
    private final Map<TableId, Parsed> parsed = new java.util.HashMap<>();

    public ChunkReader(MySqlConnection mysql, Map<TableId, String> chunkKeys) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", mysql.user());
        props.setProperty("password", mysql.password());
        props.setProperty("useCursorFetch", "false");
        // The driver itself, not DriverManager: a session cluster gives each submission its own
        // class loader, and DriverManager only knows the driver of the first.
        this.connection = new com.mysql.cj.jdbc.Driver().connect(mysql.jdbcUrl(), props);
        this.chunkKeys = chunkKeys;
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("SET time_zone = '+00:00'");
        }
    }

    /**
     * Reads the next chunk of {@code table}.
     *
     * @param after the key of the last row read, or null for the first chunk
     * @return the chunk, or null when the table no longer exists
     */
    public Chunk read(TableId table, Object[] after, int limit) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            String before = showCreateTable(table);
            if (before == null) {
                return null;
            }
            CapturedTable definition = define(table, before);
            ChunkQuery query = ChunkQuery.of(definition, chunkKeys.get(table));
            try (Statement s = connection.createStatement()) {
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                try {
                    BinlogPosition position = snapshotPosition(s);
                    List<Object[]> rows = query.read(connection, after, limit);
                    String now = showCreateTable(table);
                    s.execute("COMMIT");
                    if (before.equals(now)) {
                        KeyOrder order = order(table, before, query);
                        Object[] upper =
                                query.chunked() && rows.size() == limit
                                        ? query.key(rows.get(rows.size() - 1))
                                        : null;
                        return new Chunk(definition, before, rows, upper, position, order);
                    }
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    if (e.getErrorCode() == ER_NO_SUCH_TABLE) {
                        return null;
                    }
                    if (e.getErrorCode() != ER_TABLE_DEF_CHANGED || attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException(
                        "The definition of "
                                + table
                                + " changed during each of "
                                + MAX_ATTEMPTS
                                + " chunk reads");
            }
        }
    }

    /** The connection, for the checks and queries of the capture's start. */
    public Connection connection() {
        return connection;
    }

    static BinlogPosition snapshotPosition(Statement s) throws SQLException {
        String file = null;
        long position = -1;
        try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                switch (rs.getString(1).toLowerCase()) {
                    case "binlog_snapshot_file" -> file = rs.getString(2);
                    case "binlog_snapshot_position" -> position = Long.parseLong(rs.getString(2));
                    default -> {}
                }
            }
        }
        if (file == null || file.isEmpty() || position < 0) {
            throw new IllegalStateException(
                    "The server reports no binlog_snapshot_file/position: the native capture's"
                            + " snapshot needs MariaDB (or Percona Server) with the binlog on; on"
                            + " MySQL use --capture flink-cdc");
        }
        return new BinlogPosition(file, position, 0);
    }

    /** The table's {@code SHOW CREATE TABLE} text, or null when it does not exist. */
    public String showCreateTable(TableId table) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + ChunkQuery.quote(table))) {
            return rs.next() ? rs.getString(2) : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_NO_SUCH_TABLE) {
                return null;
            }
            throw e;
        }
    }

    /** {@link #showCreateTable} for callers that cannot take a checked exception. */
    public String showCreateTableUnchecked(TableId table) {
        try {
            return showCreateTable(table);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "SHOW CREATE TABLE " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** Compares two strings under a collation ({@code "charset collation"}) on the server. */
    public int compare(String a, String b, String charsetAndCollation) {
        String[] parts = charsetAndCollation.split(" ");
        String sql =
                "SELECT STRCMP(CONVERT(? USING "
                        + parts[0]
                        + ") COLLATE "
                        + parts[1]
                        + ", CONVERT(? USING "
                        + parts[0]
                        + ") COLLATE "
                        + parts[1]
                        + ")";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, a);
            p.setString(2, b);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Comparing key values under " + charsetAndCollation + " failed", e);
        }
    }

    /** The table's definition, parsed once per distinct {@code SHOW CREATE TABLE} text. */
    private CapturedTable define(TableId table, String createTable) {
        Parsed last = parsed.get(table);
        if (last == null || !last.createTable().equals(createTable)) {
            SchemaHistory scratch = SchemaHistory.empty();
            scratch.define(table, createTable);
            last = new Parsed(createTable, scratch.table(table), null);
            parsed.put(table, last);
        }
        return last.table();
    }

    private KeyOrder order(TableId table, String createTable, ChunkQuery query)
            throws SQLException {
        Parsed last = parsed.get(table);
        if (last.order() == null) {
            last =
                    new Parsed(
                            createTable,
                            last.table(),
                            new KeyOrder(
                                    query.keyColumns(), collations(table, query.keyColumns())));
            parsed.put(table, last);
        }
        return last.order();
    }

    private record Parsed(String createTable, CapturedTable table, KeyOrder order) {}

    private List<String> collations(TableId table, List<Column> keys) throws SQLException {
        List<String> collations = new ArrayList<>();
        for (Column key : keys) {
            String collation = null;
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "SELECT CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
                                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                p.setString(1, table.database());
                p.setString(2, table.table());
                p.setString(3, key.name());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && rs.getString(2) != null) {
                        collation = rs.getString(1) + " " + rs.getString(2);
                    }
                }
            }
            collations.add(collation);
        }
        return collations;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * One chunk read.
     *
     * @param table the definition the rows were read with
     * @param createTable its {@code SHOW CREATE TABLE} text
     * @param rows the rows, as lake values
     * @param upperKey the key of the last row when more rows may follow; null for the last chunk
     * @param position the binlog position of the chunk's consistent snapshot
     * @param order how the table's chunk key orders
     */
    public record Chunk(
            CapturedTable table,
            String createTable,
            List<Object[]> rows,
            Object[] upperKey,
            BinlogPosition position,
            KeyOrder order) {}
}

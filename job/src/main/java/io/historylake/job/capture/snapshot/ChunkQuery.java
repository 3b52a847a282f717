package io.historylake.job.capture.snapshot;

import io.historylake.job.capture.KeyOrder;
import io.historylake.job.capture.schema.CapturedTable;
import io.historylake.model.Column;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of one chunk: the rows after a key, in key order, up to a limit (keyset paging, so each
 * chunk is an index range scan). A table whose key cannot be paged by value (none, or ENUM, SET,
 * BIT or floating point) is read as one chunk.
 */
final class ChunkQuery {

    private final CapturedTable table;
    private final List<Column> keyColumns;
    private final int[] keyIndexes;
    private final boolean chunked;

    private ChunkQuery(CapturedTable table, List<Column> keyColumns, boolean chunked) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.chunked = chunked;
        this.keyIndexes = new int[keyColumns.size()];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyIndexes[i] = table.schema().indexOf(keyColumns.get(i).name());
        }
    }

    static ChunkQuery of(CapturedTable table, String chunkKey) {
        TableSchema schema = table.schema();
        List<String> names =
                schema.primaryKey().isEmpty() && chunkKey != null
                        ? List.of(chunkKey)
                        : schema.primaryKey();
        List<Column> keys = new ArrayList<>();
        for (String name : names) {
            int index = schema.indexOf(name);
            if (index >= 0) {
                keys.add(schema.columns().get(index));
            }
        }
        return new ChunkQuery(
                table, List.copyOf(keys), KeyOrder.chunkable(keys) && keys.size() == names.size());
    }

    List<Column> keyColumns() {
        return keyColumns;
    }

    boolean chunked() {
        return chunked;
    }

    Object[] key(Object[] row) {
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[keyIndexes[i]];
        }
        return key;
    }

    List<Object[]> read(Connection connection, Object[] after, int limit) throws SQLException {
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(selectList())
                        .append(" FROM ")
                        .append(quote(table.schema().table()));
        if (chunked) {
            if (after != null) {
                sql.append(" WHERE ").append(after());
            }
            sql.append(" ORDER BY ");
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(quote(keyColumns.get(i).name()));
            }
            sql.append(" LIMIT ").append(limit);
        }
        List<Column> columns = table.schema().columns();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
            if (chunked && after != null) {
                int param = 1;
                for (int i = 0; i < keyColumns.size(); i++) {
                    for (int j = 0; j <= i; j++) {
                        JdbcValues.bind(p, param++, keyColumns.get(j), after[j]);
                    }
                }
            }
            try (ResultSet rs = p.executeQuery()) {
                if (rs.getMetaData().getColumnCount() != columns.size()) {
                    throw new SQLException("Table definition has changed", "HY000", 1412);
                }
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = JdbcValues.read(rs, i + 1, columns.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * Temporal columns as the server's text: drivers turn them into temporal objects first (one
     * bundled Connector/J drops the sign of a TIME above -1 hour even from the raw bytes).
     */
    private String selectList() {
        StringBuilder list = new StringBuilder();
        for (Column column : table.schema().columns()) {
            list.append(list.length() > 0 ? ", " : "");
            String name = quote(column.name());
            if (JdbcValues.isTemporal(column)) {
                list.append("CAST(").append(name).append(" AS CHAR) AS ").append(name);
            } else {
                list.append(name);
            }
        }
        return list.toString();
    }

    /** {@code (k1 > ?) OR (k1 = ? AND k2 > ?) ...}: an index range the optimizer uses. */
    private String after() {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            where.append(i > 0 ? " OR (" : "(");
            for (int j = 0; j < i; j++) {
                where.append(quote(keyColumns.get(j).name())).append(" = ? AND ");
            }
            where.append(quote(keyColumns.get(i).name())).append(" > ?)");
        }
        return where.toString();
    }

    static String quote(TableId table) {
        return quote(table.database()) + "." + quote(table.table());
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

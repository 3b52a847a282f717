package io.historylake.job.capture.snapshot;

import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binlog position now and the tables' definitions exactly there, for a run that starts in the
 * binlog: one consistent snapshot gives the position, its reads hold every table's metadata lock
 * while the definitions are read, and a DDL between the first and second reading makes it try
 * again.
 *
 * @param position the binlog position
 * @param createTables each table's {@code SHOW CREATE TABLE} text there
 */
public record StartPoint(BinlogPosition position, Map<TableId, String> createTables) {

    public static StartPoint now(ChunkReader server, List<TableId> tables) throws SQLException {
        for (int attempt = 1; attempt <= 20; attempt++) {
            Map<TableId, String> before = definitions(server, tables);
            try (Statement s = server.connection().createStatement()) {
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                BinlogPosition position = ChunkReader.snapshotPosition(s);
                for (TableId table : before.keySet()) {
                    s.executeQuery("SELECT * FROM " + ChunkQuery.quote(table) + " LIMIT 1").close();
                }
                Map<TableId, String> after = definitions(server, tables);
                s.execute("COMMIT");
                if (before.equals(after)) {
                    return new StartPoint(position, after);
                }
            }
        }
        throw new IllegalStateException(
                "The captured tables' definitions kept changing while the capture started");
    }

    private static Map<TableId, String> definitions(ChunkReader server, List<TableId> tables)
            throws SQLException {
        Map<TableId, String> definitions = new LinkedHashMap<>();
        for (TableId table : tables) {
            String create = server.showCreateTable(table);
            if (create != null) {
                definitions.put(table, create);
            }
        }
        return definitions;
    }
}

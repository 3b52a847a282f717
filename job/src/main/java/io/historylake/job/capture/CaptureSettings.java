package io.historylake.job.capture;

import io.historylake.job.capture.binlog.BinlogOffset;
import io.historylake.job.capture.binlog.BinlogState;
import io.historylake.job.config.MySqlConnection;
import io.historylake.job.source.TableSelection;
import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the native capture runs.
 *
 * @param mysql the server and credentials
 * @param selection the captured tables (also those created later)
 * @param chunkKeys chunk keys of tables without a primary key
 * @param snapshotTables the tables to snapshot; empty when the run starts in the binlog
 * @param chunkSize rows per snapshot chunk
 * @param serverId the replica server id of the binlog connection
 * @param mariaDb whether the server is MariaDB (statement text via ANNOTATE_ROWS, GTIDs)
 * @param heartbeat the binlog heartbeat interval
 * @param stopAt where a bounded run ends, or null
 * @param startBinlog the binlog state of a run that starts in the binlog; null with a snapshot
 * @param fallbackStart where the binlog starts if no table had a row to snapshot
 */
public record CaptureSettings(
        MySqlConnection mysql,
        TableSelection selection,
        Map<TableId, String> chunkKeys,
        List<TableId> snapshotTables,
        int chunkSize,
        long serverId,
        boolean mariaDb,
        Duration heartbeat,
        BinlogPosition stopAt,
        BinlogState startBinlog,
        BinlogOffset fallbackStart)
        implements Serializable {

    public CaptureSettings {
        chunkKeys = Map.copyOf(chunkKeys);
        snapshotTables = List.copyOf(snapshotTables);
    }
}

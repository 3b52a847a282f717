package io.historylake.job.source;

import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.util.List;
import java.util.Map;

/**
 * What the preflight checks found: the tables to capture, chunk keys of tables without a primary
 * key, the server's time zone, and the binlog position current at start.
 */
public record CaptureTarget(
        List<TableId> tables,
        Map<TableId, String> chunkKeys,
        String serverTimeZone,
        BinlogPosition currentPosition) {}

package io.historylake.job.capture.binlog;

import io.historylake.job.capture.TableWindow;
import io.historylake.model.TableId;
import java.io.Serializable;
import java.util.Map;

/**
 * What the binlog reading needs to resume exactly where the emitted records end.
 *
 * @param offset the resume point
 * @param schemaJson the captured tables' definitions at the resume point (see {@code
 *     SchemaHistory})
 * @param windows the tables whose snapshot chunks the binlog has not passed yet
 */
public record BinlogState(BinlogOffset offset, String schemaJson, Map<TableId, TableWindow> windows)
        implements Serializable {

    public BinlogState {
        windows = Map.copyOf(windows);
    }
}

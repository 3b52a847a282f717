package io.historylake.job.capture;

import io.historylake.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot of one table, and how far it has been read.
 *
 * @param table the table
 * @param chunks the chunks read so far, in key order
 * @param order how the chunk key orders; null before the first chunk
 * @param firstCreateTable the table's definition at its first chunk (the binlog's starting point
 *     for the table); null before the first chunk
 * @param finished whether every chunk has been read
 */
public record SnapshotSplit(
        TableId table,
        List<TableWindow.Chunk> chunks,
        KeyOrder order,
        String firstCreateTable,
        boolean finished)
        implements CaptureSplit {

    public SnapshotSplit {
        chunks = List.copyOf(chunks);
    }

    public static SnapshotSplit of(TableId table) {
        return new SnapshotSplit(table, List.of(), null, null, false);
    }

    @Override
    public String splitId() {
        return "snapshot:" + table.qualified();
    }

    /** The key of the last row read, or null before the first chunk. */
    public Object[] lastKey() {
        return chunks.isEmpty() ? null : chunks.get(chunks.size() - 1).upperKey();
    }

    /** This split after one more chunk. */
    public SnapshotSplit next(TableWindow.Chunk chunk, KeyOrder keyOrder, String createTable) {
        List<TableWindow.Chunk> all = new ArrayList<>(chunks);
        all.add(chunk);
        return new SnapshotSplit(
                table,
                all,
                order != null ? order : keyOrder,
                firstCreateTable != null ? firstCreateTable : createTable,
                chunk.upperKey() == null);
    }

    /** The table's window for the binlog; null when the table was gone before its first chunk. */
    public TableWindow window() {
        return chunks.isEmpty() ? null : new TableWindow(table, order, chunks);
    }
}

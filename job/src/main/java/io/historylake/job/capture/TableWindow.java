package io.historylake.job.capture;

import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.io.Serializable;
import java.util.List;

/**
 * Where the snapshot of one table stands in the binlog: its chunks in key order, each read in its
 * own consistent snapshot at an exact binlog position. A binlog change of the table at position
 * {@code p} is already in the snapshot if its row's chunk was read at a position after {@code p}.
 * Chunks are read in key order, so their positions never decrease: the chunks read after {@code p}
 * are all those from some chunk {@code j} on, i.e. every key above the upper bound of chunk {@code
 * j - 1}; one comparison decides.
 *
 * @param table the table
 * @param order how its key values compare
 * @param chunks the chunks in key order
 */
public record TableWindow(TableId table, KeyOrder order, List<Chunk> chunks)
        implements Serializable {

    /**
     * One chunk read.
     *
     * @param upperKey the largest key read in the chunk (inclusive), or null for the last chunk
     * @param position the binlog position of the chunk's consistent snapshot
     */
    public record Chunk(Object[] upperKey, BinlogPosition position) implements Serializable {}

    public TableWindow {
        chunks = List.copyOf(chunks);
    }

    /** The position of the first chunk: the table's DDL before it is in the snapshot already. */
    public BinlogPosition start() {
        return chunks.get(0).position();
    }

    /** The position of the last chunk: from there on, every change of the table is new. */
    public BinlogPosition end() {
        return chunks.get(chunks.size() - 1).position();
    }

    /** Whether the snapshot already holds the change of the row with this key at {@code at}. */
    public boolean holds(BinlogPosition at, Object[] key, KeyOrder.Collations server) {
        int first = -1;
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).position().compareTo(at) > 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return false;
        }
        if (first == 0) {
            return true;
        }
        Object[] below = chunks.get(first - 1).upperKey();
        return below == null || order.compare(key, below, server) > 0;
    }
}

package io.historylake.job.capture.binlog;

import java.io.Serializable;

/**
 * Where the binlog reading resumes: a transaction boundary, and how much of the transaction that
 * starts there was handed on already (rows events at or before {@code emittedThrough} in that file
 * are not handed on again).
 *
 * @param file the binlog file of the boundary
 * @param position the byte position of the boundary
 * @param emittedThrough the start position of the last rows event handed on after the boundary, or
 *     -1
 * @param gtid the GTID of the last transaction committed before the boundary, or null
 */
public record BinlogOffset(String file, long position, long emittedThrough, String gtid)
        implements Serializable {

    public static BinlogOffset at(String file, long position) {
        return new BinlogOffset(file, position, -1L, null);
    }

    @Override
    public String toString() {
        return file + ":" + position + (emittedThrough >= 0 ? " (+" + emittedThrough + ")" : "");
    }
}

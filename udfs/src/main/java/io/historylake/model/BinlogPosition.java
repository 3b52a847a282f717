package io.historylake.model;

import java.io.Serializable;

/**
 * Where a binlog event stands: file, byte position of the event, and the row inside it.
 *
 * @param file the binlog file name, e.g. {@code binlog.000003}
 * @param position the byte position of the event inside the file
 * @param row the index of the row inside a multi-row event (0 for the first)
 */
public record BinlogPosition(String file, long position, int row)
        implements Serializable, Comparable<BinlogPosition> {

    @Override
    public int compareTo(BinlogPosition o) {
        int byFile = compareFiles(file, o.file);
        if (byFile != 0) {
            return byFile;
        }
        int byPos = Long.compare(position, o.position);
        return byPos != 0 ? byPos : Integer.compare(row, o.row);
    }

    /** Orders binlog file names by their numeric suffix ({@code binlog.000010 > binlog.000009}). */
    public static int compareFiles(String a, String b) {
        int dotA = a.lastIndexOf('.');
        int dotB = b.lastIndexOf('.');
        if (dotA > 0 && dotB > 0 && a.substring(0, dotA).equals(b.substring(0, dotB))) {
            try {
                return Long.compare(
                        Long.parseLong(a.substring(dotA + 1)),
                        Long.parseLong(b.substring(dotB + 1)));
            } catch (NumberFormatException e) {
                // fall through to a plain comparison
            }
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return file + ":" + position + (row > 0 ? "#" + row : "");
    }
}

package io.historylake.job.capture;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Orders key values as MySQL orders the key's index, so that the binlog can tell which snapshot
 * chunk a changed row belongs to. Numbers, dates and times, bytes and ENUM (by declaration index)
 * compare here; character keys compare on the server under the column's collation (PAD SPACE, case
 * and accent rules do not match Java's), through {@link Collations}.
 *
 * @param columns the key columns
 * @param collations per key column, {@code charset collation} of a character column, else null
 */
public record KeyOrder(List<Column> columns, List<String> collations) implements Serializable {

    /** Compares character values under a MySQL collation. */
    public interface Collations {
        int compare(String a, String b, String charsetAndCollation);
    }

    /** Whether keys of these columns can be paged through in index order by value. */
    public static boolean chunkable(List<Column> columns) {
        for (Column column : columns) {
            String type = column.mysqlType();
            LakeType.Kind kind = column.lakeType().kind();
            if (type.startsWith("ENUM")
                    || type.startsWith("SET")
                    || type.startsWith("JSON")
                    || type.startsWith("BIT")
                    || kind == LakeType.Kind.FLOAT
                    || kind == LakeType.Kind.DOUBLE
                    || kind == LakeType.Kind.STRING_ARRAY) {
                return false;
            }
        }
        return !columns.isEmpty();
    }

    /** Negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
    public int compare(Object[] a, Object[] b, Collations server) {
        for (int i = 0; i < columns.size(); i++) {
            int c = compareValue(a[i], b[i], i, server);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compareValue(Object a, Object b, int i, Collations server) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1; // NULL sorts first
        }
        if (a instanceof String s && b instanceof String t) {
            return s.equals(t) ? 0 : Integer.signum(server.compare(s, t, collations.get(i)));
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        throw new IllegalStateException(
                "Key column " + columns.get(i).name() + " has values that do not compare: " + a);
    }
}

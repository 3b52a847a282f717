package io.historylake.enrich;

import io.historylake.model.Column;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The columns whose value differs between a before and an after image. */
public final class ChangedColumns {

    private ChangedColumns() {}

    /**
     * Changed columns of an update, in table order; empty for other ops or when nothing changed.
     */
    public static List<String> of(RowChange change) {
        return change.op() == Op.UPDATE
                ? of(change.schema(), change.before(), change.after())
                : List.of();
    }

    /** Changed columns in table order; empty when either image is missing or nothing changed. */
    public static List<String> of(TableSchema schema, Object[] before, Object[] after) {
        if (before == null || after == null) {
            return List.of();
        }
        List<String> changed = new ArrayList<>();
        List<Column> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            Object a = before[i];
            Object b = after[i];
            boolean same =
                    a instanceof byte[] x && b instanceof byte[] y
                            ? Arrays.equals(x, y)
                            : Objects.equals(a, b);
            if (!same) {
                changed.add(columns.get(i).name());
            }
        }
        return changed;
    }
}

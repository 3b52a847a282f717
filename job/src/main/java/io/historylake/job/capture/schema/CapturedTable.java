package io.historylake.job.capture.schema;

import io.historylake.model.TableSchema;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A captured table as the capture reads it: its schema (what lands in the lake) and, per column,
 * how its bytes are read.
 *
 * @param schema the table's columns and key, as the lake sees them
 * @param charsets per column, the Java charset of a character column; null for every other column
 * @param rowEnd for a system-versioned table, the position of the column that ends a row's
 *     system-time period (a history row has it in the past); -1 for other tables
 */
public record CapturedTable(TableSchema schema, List<Charset> charsets, int rowEnd) {

    public CapturedTable {
        // List.copyOf refuses nulls, which mark the columns without a charset.
        charsets = Collections.unmodifiableList(new ArrayList<>(charsets));
    }
}

package io.historylake.job.sink;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Landing;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.util.List;

/** Inserts into a one-column table {@code shop.<table>} ({@code id INT}) as the sinks get them. */
final class SinkRows {

    private SinkRows() {}

    /** An enriched insert with its row history, at a binlog row position and commit time. */
    static RowChange insert(String table, int version, long micros, int position, Object id) {
        TableSchema schema =
                new TableSchema(
                        new TableId("shop", table),
                        List.of(new Column("id", "INT", 11, -1, false, List.of(), LakeType.INT)),
                        List.of("id"));
        return RowChange.of(
                        schema,
                        Op.CREATE,
                        null,
                        new Object[] {id},
                        micros,
                        new BinlogPosition("binlog.000001", 4, position))
                .enriched(Landing.of(version, false, false), micros, table + "-" + position)
                .withHistory(new RowHistory(1, List.of(), null, null));
    }
}

package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedColumnsTest {

    private static final TableSchema SCHEMA =
            new TableSchema(
                    new TableId("db", "t"),
                    List.of(
                            new Column("id", "INT", 11, -1, false, List.of(), LakeType.INT),
                            new Column("blob", "BLOB", -1, -1, true, List.of(), LakeType.BYTES),
                            new Column(
                                    "amount",
                                    "DECIMAL",
                                    10,
                                    2,
                                    true,
                                    List.of(),
                                    LakeType.decimal(10, 2)),
                            new Column(
                                    "tags", "SET", 3, -1, true, List.of(), LakeType.STRING_ARRAY)),
                    List.of("id"));

    @Test
    void valuesAreComparedByContentIncludingBytesAndNulls() {
        Object[] before = {1, new byte[] {1, 2}, new BigDecimal("1.00"), List.of("a")};
        Object[] same = {1, new byte[] {1, 2}, new BigDecimal("1.00"), List.of("a")};
        Object[] after = {1, new byte[] {1, 3}, null, List.of("a", "b")};
        assertThat(ChangedColumns.of(SCHEMA, before, same)).isEmpty();
        assertThat(ChangedColumns.of(SCHEMA, before, after))
                .containsExactly("blob", "amount", "tags");
        assertThat(ChangedColumns.of(SCHEMA, null, after)).isEmpty();
    }
}

package io.historylake.schema;

import static io.historylake.schema.TestSchemas.col;
import static io.historylake.schema.TestSchemas.dec;
import static io.historylake.schema.TestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.historylake.model.LakeType;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.SchemaVersion;
import io.historylake.model.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private static final TableSchema V1 = schema(col("id", "INT"), dec("amount", 10, 2));
    private static final TableSchema SCALED = schema(col("id", "INT"), dec("amount", 10, 4));
    private static final String DDL = "ALTER TABLE orders MODIFY amount DECIMAL(10,4)";

    @Test
    void aTablesFirstSchemaIsVersionOneWithoutVerdict() {
        SchemaVersion first = SchemaEvolution.next(List.of(), V1, null, SchemaPolicy.FAIL, 7L);

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.verdict()).isEqualTo(SchemaVerdict.NONE);
        assertThat(first.source()).isSameAs(first.schema());
    }

    @Test
    void aCompatibleChangeLandsAsANewVersionWhateverThePolicy() {
        TableSchema added = schema(col("id", "INT"), dec("amount", 10, 2), col("n", "INT"));
        SchemaVersion next =
                SchemaEvolution.next(history(), added, "ADD n INT", SchemaPolicy.FAIL, 8L);

        assertThat(next.version()).isEqualTo(2);
        assertThat(next.quarantined()).isFalse();
        assertThat(next.schema()).isSameAs(added);
        assertThat(next.verdict().findings())
                .containsExactly(new SchemaFinding(SchemaRule.ADD_COLUMN, "n", "INT", "ADD n INT"));
        assertThat(next.verdict().describe())
                .isEqualTo("COMPATIBLE ADD_COLUMN on column 'n' (INT) by: ADD n INT");
    }

    @Test
    void underFailAViolationStopsWithTheVerdictAndTheWayOut() {
        assertThatThrownBy(
                        () -> SchemaEvolution.next(history(), SCALED, DDL, SchemaPolicy.FAIL, 8L))
                .isInstanceOf(SchemaViolationException.class)
                .hasMessageContaining("shop.orders")
                .hasMessageContaining("CHANGE_DECIMAL_SCALE on column 'amount'")
                .hasMessageContaining(DDL)
                .hasMessageContaining("--schema.policy.tables 'shop\\.orders=quarantine'");
    }

    @Test
    void underQuarantineAViolationQuarantinesThisAndEveryLaterVersion() {
        SchemaVersion v2 =
                SchemaEvolution.next(history(), SCALED, DDL, SchemaPolicy.QUARANTINE, 8L);
        TableSchema added = schema(col("id", "INT"), dec("amount", 10, 4), col("n", "INT"));
        SchemaVersion v3 =
                SchemaEvolution.next(
                        List.of(history().get(0), v2), added, "ADD n", SchemaPolicy.QUARANTINE, 9L);

        assertThat(v2.quarantined()).isTrue();
        assertThat(v2.verdict().violations())
                .extracting(SchemaFinding::rule, SchemaFinding::column)
                .containsExactly(tuple(SchemaRule.CHANGE_DECIMAL_SCALE, "amount"));
        assertThat(v2.schema()).isSameAs(SCALED);
        assertThat(v3.quarantined()).isTrue();
        assertThat(v3.version()).isEqualTo(3);
    }

    @Test
    void underStringTheViolatedColumnLandsAsAStringAndStaysOneInLaterVersions() {
        SchemaVersion v2 = SchemaEvolution.next(history(), SCALED, DDL, SchemaPolicy.STRING, 8L);
        TableSchema added = schema(col("id", "INT"), dec("amount", 10, 4), col("n", "INT"));
        SchemaVersion v3 =
                SchemaEvolution.next(
                        List.of(history().get(0), v2), added, "ADD n", SchemaPolicy.STRING, 9L);

        assertThat(v2.quarantined()).isFalse();
        assertThat(v2.source()).isSameAs(SCALED);
        assertThat(v2.schema().columns().get(1).lakeType()).isEqualTo(LakeType.STRING);
        assertThat(v2.schema().columns().get(0).lakeType()).isEqualTo(LakeType.INT);
        assertThat(v2.verdict().violations())
                .extracting(SchemaFinding::rule)
                .containsExactly(SchemaRule.CHANGE_DECIMAL_SCALE);
        assertThat(v3.schema().columns().get(1).lakeType()).isEqualTo(LakeType.STRING);
        assertThat(v3.previous()).isEqualTo(v2.schema());
        assertThat(v3.verdict().violated()).isFalse();
    }

    private static List<SchemaVersion> history() {
        return List.of(new SchemaVersion(V1, 1, null, null, 1L));
    }
}

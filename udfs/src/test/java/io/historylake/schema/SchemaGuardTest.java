package io.historylake.schema;

import static io.historylake.schema.TestSchemas.col;
import static io.historylake.schema.TestSchemas.dec;
import static io.historylake.schema.TestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaGuardTest {

    private static final TableSchema V1 = schema(col("id", "INT"), col("qty", "SMALLINT"));
    private static final TableSchema V2 =
            schema(col("id", "INT"), col("qty", "SMALLINT"), col("note", "VARCHAR", 20));
    private static final TableSchema V3 =
            schema(col("id", "INT"), col("qty", "INT"), col("note", "VARCHAR", 200));

    @Test
    void severalCompatibleChangesStayCompatibleAgainstEveryEarlierVersion() {
        SchemaVerdict verdict =
                SchemaGuard.judge(List.of(V1, V2), V3, "ALTER TABLE orders MODIFY qty INT, ...");

        assertThat(verdict.severity()).isEqualTo(SchemaRule.Severity.COMPATIBLE);
        assertThat(verdict.findings())
                .extracting(SchemaFinding::rule)
                .containsExactlyInAnyOrder(SchemaRule.WIDEN_INTEGER, SchemaRule.WIDEN_STRING);
    }

    @Test
    void aNameDroppedVersionsAgoAndReAddedWithAnotherTypeIsCaughtAgainstVersionOne() {
        TableSchema dropped = schema(col("id", "INT"), col("note", "VARCHAR", 20));
        TableSchema readded =
                schema(col("id", "INT"), col("note", "VARCHAR", 20), col("qty", "VARCHAR", 10));

        SchemaVerdict verdict =
                SchemaGuard.judge(
                        List.of(V1, V2, dropped),
                        readded,
                        "ALTER TABLE orders ADD COLUMN qty VARCHAR(10)");

        assertThat(verdict.violations())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.rule()).isEqualTo(SchemaRule.READD_WITH_OTHER_TYPE);
                            assertThat(f.column()).isEqualTo("qty");
                            assertThat(f.detail()).contains("SMALLINT").contains("VARCHAR");
                            assertThat(f.ddl())
                                    .isEqualTo("ALTER TABLE orders ADD COLUMN qty VARCHAR(10)");
                        });
    }

    @Test
    void avroFindsWhatTheMySqlRulesCannotSeeWhenTheDdlIsUnknown() {
        // A type change whose DDL was not parsed still shows at the Avro level: the new version
        // cannot read version one's files.
        TableSchema retyped = schema(col("id", "INT"), col("qty", "DATE"));
        TableSchema between = schema(col("id", "INT"));

        SchemaVerdict verdict = SchemaGuard.judge(List.of(V1, between), retyped, null);

        assertThat(verdict.violations())
                .extracting(SchemaFinding::rule, SchemaFinding::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                SchemaRule.READD_WITH_OTHER_TYPE, "qty"));
        SchemaVerdict direct = SchemaGuard.judge(List.of(V1), retyped, null);
        assertThat(direct.findings())
                .extracting(SchemaFinding::rule)
                .contains(SchemaRule.CHANGE_TYPE);
    }

    @Test
    void avroBackwardIncompatibilityAgainstAnOlderVersionIsAViolation() {
        // v1 had qty as a number; v2 dropped it (warned); a column renamed INTO that name with a
        // string type is judged by Avro against v1 as well.
        TableSchema v2 = schema(col("id", "INT"), col("label", "VARCHAR", 10));
        TableSchema v3 = schema(col("id", "INT"), col("qty", "VARCHAR", 10));

        SchemaVerdict verdict =
                SchemaGuard.judge(
                        List.of(V1, v2), v3, "ALTER TABLE orders RENAME COLUMN label TO qty");

        assertThat(verdict.violations())
                .extracting(SchemaFinding::rule)
                .contains(SchemaRule.RENAME_COLUMN, SchemaRule.AVRO_BACKWARD_INCOMPATIBLE);
        assertThat(verdict.violations())
                .filteredOn(f -> f.rule() == SchemaRule.AVRO_BACKWARD_INCOMPATIBLE)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.column()).isEqualTo("qty");
                            assertThat(f.detail()).contains("cannot read files of v1");
                        });
    }

    @Test
    void wideningIsNotedForReadersPinnedToTheOlderVersionButStaysCompatible() {
        TableSchema v1 = schema(col("id", "INT"), dec("price", 10, 2));
        TableSchema v2 = schema(col("id", "BIGINT"), dec("price", 12, 2));

        SchemaVerdict verdict = SchemaGuard.judge(List.of(v1), v2, "MODIFY id BIGINT, ...");

        assertThat(verdict.severity()).isEqualTo(SchemaRule.Severity.COMPATIBLE);
        assertThat(verdict.findings())
                .extracting(SchemaFinding::rule)
                .containsExactlyInAnyOrder(SchemaRule.WIDEN_INTEGER, SchemaRule.WIDEN_DECIMAL);
    }
}

package io.historylake.schema;

import static io.historylake.schema.TestSchemas.col;
import static io.historylake.schema.TestSchemas.dec;
import static io.historylake.schema.TestSchemas.en;
import static io.historylake.schema.TestSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Column;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.TableSchema;
import io.historylake.types.MySqlTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRulesTest {

    @Test
    void addingAColumnIsCompatible() {
        assertOnly(
                check(
                        schema(col("id", "INT")),
                        schema(col("id", "INT"), col("note", "VARCHAR", 20)),
                        "ALTER TABLE orders ADD COLUMN note VARCHAR(20)"),
                SchemaRule.ADD_COLUMN,
                "note");
    }

    @Test
    void wideningIntegersIsCompatibleAndNarrowingOrFlippingSignIsNot() {
        assertOnly(
                check(schema(col("n", "INT")), schema(col("n", "BIGINT")), "MODIFY n BIGINT"),
                SchemaRule.WIDEN_INTEGER,
                "n");
        assertOnly(
                check(
                        schema(col("n", "INT")),
                        schema(col("n", "BIGINT UNSIGNED")),
                        "MODIFY n BIGINT UNSIGNED"),
                SchemaRule.WIDEN_INTEGER,
                "n");
        assertOnly(
                check(schema(col("n", "BIGINT")), schema(col("n", "INT")), "MODIFY n INT"),
                SchemaRule.CHANGE_TYPE,
                "n");
        assertOnly(
                check(
                        schema(col("n", "INT")),
                        schema(col("n", "INT UNSIGNED")),
                        "MODIFY n INT UNSIGNED"),
                SchemaRule.CHANGE_TYPE,
                "n");
    }

    @Test
    void floatToDoubleAndLongerStringsAreCompatible() {
        assertOnly(
                check(schema(col("f", "FLOAT")), schema(col("f", "DOUBLE")), "MODIFY f DOUBLE"),
                SchemaRule.FLOAT_TO_DOUBLE,
                "f");
        assertOnly(
                check(
                        schema(col("s", "VARCHAR", 20)),
                        schema(col("s", "VARCHAR", 200)),
                        "MODIFY s VARCHAR(200)"),
                SchemaRule.WIDEN_STRING,
                "s");
        assertOnly(
                check(
                        schema(col("s", "VARCHAR", 200)),
                        schema(col("s", "TEXT", -1)),
                        "MODIFY s TEXT"),
                SchemaRule.WIDEN_STRING,
                "s");
        assertOnly(
                check(
                        schema(col("s", "VARCHAR", 200)),
                        schema(col("s", "VARCHAR", 20)),
                        "MODIFY s VARCHAR(20)"),
                SchemaRule.CHANGE_TYPE,
                "s");
    }

    @Test
    void decimalsMayGrowButNeverChangeScale() {
        assertOnly(
                check(schema(dec("d", 10, 2)), schema(dec("d", 12, 2)), "MODIFY d DECIMAL(12,2)"),
                SchemaRule.WIDEN_DECIMAL,
                "d");
        assertOnly(
                check(schema(dec("d", 10, 2)), schema(dec("d", 10, 3)), "MODIFY d DECIMAL(10,3)"),
                SchemaRule.CHANGE_DECIMAL_SCALE,
                "d");
    }

    @Test
    void enumValuesMayBeAppendedButNotRemovedOrReordered() {
        assertOnly(
                check(
                        schema(en("e", "a", "b")),
                        schema(en("e", "a", "b", "c")),
                        "MODIFY e ENUM('a','b','c')"),
                SchemaRule.APPEND_ENUM_VALUES,
                "e");
        assertOnly(
                check(schema(en("e", "a", "b")), schema(en("e", "a")), "MODIFY e ENUM('a')"),
                SchemaRule.REORDER_OR_REMOVE_ENUM_VALUES,
                "e");
        assertOnly(
                check(
                        schema(en("e", "a", "b")),
                        schema(en("e", "b", "a")),
                        "MODIFY e ENUM('b','a')"),
                SchemaRule.REORDER_OR_REMOVE_ENUM_VALUES,
                "e");
    }

    @Test
    void droppingAColumnOrMakingItNullableIsWarned() {
        SchemaVerdict drop =
                check(
                        schema(col("id", "INT"), col("x", "INT")),
                        schema(col("id", "INT")),
                        "DROP COLUMN x");
        assertOnly(drop, SchemaRule.DROP_COLUMN, "x");
        assertThat(drop.severity()).isEqualTo(SchemaRule.Severity.WARNED);
        Column notNull =
                new Column(
                        "x", "INT", -1, -1, false, List.of(), MySqlTypes.lakeType("INT", -1, -1));
        assertOnly(
                check(schema(notNull), schema(col("x", "INT")), "MODIFY x INT NULL"),
                SchemaRule.MAKE_NULLABLE,
                "x");
    }

    @Test
    void aRenameIsAViolationEvenWhenTheTypeStaysTheSame() {
        SchemaVerdict rename =
                check(
                        schema(col("id", "INT"), col("name", "VARCHAR", 20)),
                        schema(col("id", "INT"), col("title", "VARCHAR", 20)),
                        "ALTER TABLE orders RENAME COLUMN name TO title");
        assertOnly(rename, SchemaRule.RENAME_COLUMN, "name");
        assertThat(rename.severity()).isEqualTo(SchemaRule.Severity.VIOLATION);
        assertThat(rename.findings().get(0).ddl()).contains("RENAME COLUMN");
        assertOnly(
                check(
                        schema(col("a", "INT")),
                        schema(col("b", "BIGINT")),
                        "ALTER TABLE orders CHANGE `a` `b` BIGINT"),
                SchemaRule.RENAME_COLUMN,
                "a");
    }

    @Test
    void aChangeKeepingTheNameIsJudgedAsATypeChange() {
        assertOnly(
                check(
                        schema(col("n", "INT")),
                        schema(col("n", "VARCHAR", 20)),
                        "ALTER TABLE orders CHANGE n n VARCHAR(20)"),
                SchemaRule.CHANGE_TYPE,
                "n");
        assertOnly(
                check(schema(col("n", "INT")), schema(col("n", "DATE", -1)), "MODIFY n DATE"),
                SchemaRule.CHANGE_TYPE,
                "n");
    }

    @Test
    void reAddingADroppedNameWithAnotherTypeRepurposesIt() {
        Column old = col("flag", "TINYINT");
        assertOnly(
                SchemaRules.check(
                        schema(col("id", "INT")),
                        schema(col("id", "INT"), col("flag", "VARCHAR", 10)),
                        "ADD COLUMN flag VARCHAR(10)",
                        Map.of("flag", old)),
                SchemaRule.READD_WITH_OTHER_TYPE,
                "flag");
        assertOnly(
                SchemaRules.check(
                        schema(col("id", "INT")),
                        schema(col("id", "INT"), col("flag", "TINYINT")),
                        "ADD COLUMN flag TINYINT",
                        Map.of("flag", old)),
                SchemaRule.ADD_COLUMN,
                "flag");
    }

    @Test
    void changingOnlyADefaultOrCommentChangesNothing() {
        assertThat(
                        check(
                                        schema(col("n", "INT")),
                                        schema(col("n", "INT")),
                                        "ALTER n SET DEFAULT 3")
                                .findings())
                .isEmpty();
    }

    private static SchemaVerdict check(TableSchema a, TableSchema b, String ddl) {
        return SchemaRules.check(a, b, ddl, Map.of());
    }

    private static void assertOnly(SchemaVerdict verdict, SchemaRule rule, String column) {
        assertThat(verdict.findings()).hasSize(1);
        assertThat(verdict.findings().get(0).rule()).isEqualTo(rule);
        assertThat(verdict.findings().get(0).column()).isEqualTo(column);
    }
}

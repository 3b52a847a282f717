package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.testing.Changes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributionRulesTest {

    private static final TableId TABLE = new TableId("staging_api", "inspections");
    private static final TableSchema SCHEMA =
            new TableSchema(
                    TABLE,
                    List.of(
                            column("id", LakeType.INT),
                            column("created_by", LakeType.STRING),
                            column("updated_by", LakeType.STRING),
                            column("owner", LakeType.STRING)),
                    List.of("id"));

    private final AttributionRules rules = AttributionRules.defaults();

    @Test
    void aStatementTagWinsOverTheRowsColumns() {
        RowChange update = change(Op.UPDATE, row("a", "b", "o"), row("a", "c", "o"));
        assertThat(rules.userId(update, Map.of("user_id", "15016"))).isEqualTo("15016");
        assertThat(rules.requestId(Map.of("request_id", "r-1"))).isEqualTo("r-1");
        assertThat(rules.requestId(Map.of())).isNull();
    }

    @Test
    void conventionalColumnsNameTheUserByOp() {
        assertThat(rules.userId(change(Op.CREATE, null, row("ann", null, "o")), Map.of()))
                .isEqualTo("ann");
        assertThat(rules.userId(change(Op.READ, null, row(null, "bob", "o")), Map.of()))
                .isEqualTo("bob");
        assertThat(
                        rules.userId(
                                change(Op.UPDATE, row("ann", null, "o"), row("ann", "cy", "o")),
                                Map.of()))
                .isEqualTo("cy");
        assertThat(rules.userId(change(Op.DELETE, row("ann", "dee", "o"), null), Map.of()))
                .isEqualTo("dee");
        assertThat(
                        rules.userId(
                                change(Op.UPDATE, row("ann", null, "o"), row("ann", null, "o")),
                                Map.of()))
                .isNull();
    }

    @Test
    void aConfiguredColumnNamesTheUserForEveryOp() {
        AttributionRules owner =
                new AttributionRules("user_id", "request_id", Map.of(TABLE, "owner"));
        assertThat(
                        owner.userId(
                                change(Op.UPDATE, row("a", "b", "o1"), row("a", "b", "o2")),
                                Map.of()))
                .isEqualTo("o2");
        assertThat(owner.userId(change(Op.DELETE, row("a", "b", "o1"), null), Map.of()))
                .isEqualTo("o1");
        assertThat(owner.userId(Changes.insert(1, "x", 4), Map.of())).isNull();
    }

    private static RowChange change(Op op, Object[] before, Object[] after) {
        return RowChange.of(SCHEMA, op, before, after, 0L, op == Op.READ ? null : Changes.at(4));
    }

    private static Object[] row(String createdBy, String updatedBy, String owner) {
        return new Object[] {1, createdBy, updatedBy, owner};
    }

    private static Column column(String name, LakeType type) {
        return new Column(name, "VARCHAR", 40, -1, true, List.of(), type);
    }
}

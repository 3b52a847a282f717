package io.historylake.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.testing.Changes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingRulesTest {

    private static final TableSchema USERS =
            new TableSchema(
                    new TableId("app", "users"),
                    List.of(
                            column("id", LakeType.INT),
                            column("email", LakeType.STRING),
                            column("ssn", LakeType.STRING),
                            column("phone", LakeType.STRING),
                            column("name", LakeType.STRING)),
                    List.of("id"));

    private final MaskingRules rules =
            new MaskingRules(
                    ordered(
                            "app\\.users\\.email",
                            MaskAction.HASH,
                            "app\\.users\\.ssn",
                            MaskAction.DROP,
                            "app\\.users\\.phone",
                            MaskAction.NULL),
                    "pepper".getBytes(StandardCharsets.UTF_8));

    @Test
    void maskedColumnsAreHashedDroppedOrNulledInBothImages() {
        RowChange update =
                RowChange.of(
                                USERS,
                                Op.UPDATE,
                                row("a@x.org", "123", "555", "Ann"),
                                row("b@x.org", "123", "556", "Ann"),
                                1L,
                                Changes.at(4))
                        .withSource(
                                null,
                                "UPDATE users SET email='b@x.org' /*user_id='7'*/",
                                "tx",
                                0,
                                false);
        RowChange masked = rules.apply(update);
        assertThat(masked.schema().columnNames()).containsExactly("id", "email", "phone", "name");
        assertThat(masked.schema().columns().get(1).lakeType()).isEqualTo(LakeType.STRING);
        assertThat(masked.before()).containsExactly(1, rules.hash("a@x.org"), null, "Ann");
        assertThat(masked.after()).containsExactly(1, rules.hash("b@x.org"), null, "Ann");
        assertThat(masked.query()).isEqualTo("/*user_id='7'*/");
        assertThat(rules.hash("a@x.org"))
                .hasSize(64)
                .isNotEqualTo(
                        new MaskingRules(
                                        Map.of("x", MaskAction.HASH),
                                        "salt".getBytes(StandardCharsets.UTF_8))
                                .hash("a@x.org"));
    }

    @Test
    void tablesWithoutRulesPassThroughUntouched() {
        RowChange insert = Changes.insert(1, "note", 4);
        assertThat(rules.apply(insert)).isSameAs(insert);
    }

    @Test
    void droppingOrNullingAPrimaryKeyIsRefused() {
        MaskingRules dropKey =
                new MaskingRules(Map.of("app\\.users\\.id", MaskAction.DROP), new byte[0]);
        RowChange insert =
                RowChange.of(USERS, Op.CREATE, null, row("a", "b", "c", "d"), 1L, Changes.at(4));
        assertThatThrownBy(() -> dropKey.apply(insert))
                .hasMessageContaining("primary-key column app.users.id");
    }

    @Test
    void theSaltNeverShowsInTheRulesDescription() {
        assertThat(rules.toString()).doesNotContain("pepper");
    }

    private static Object[] row(String email, String ssn, String phone, String name) {
        return new Object[] {1, email, ssn, phone, name};
    }

    private static Map<String, MaskAction> ordered(Object... pairs) {
        Map<String, MaskAction> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (MaskAction) pairs[i + 1]);
        }
        return map;
    }

    private static Column column(String name, LakeType type) {
        return new Column(name, "VARCHAR", 40, -1, true, List.of(), type);
    }
}

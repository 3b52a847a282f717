package io.historylake.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.TableId;
import org.junit.jupiter.api.Test;

class TableSelectionTest {

    @Test
    void withoutTablePatternsEveryTableOfTheMatchingDatabasesIsCaptured() {
        TableSelection selection = TableSelection.parse("shop,staging_.*", "", "");
        assertThat(selection.matches(new TableId("shop", "orders"))).isTrue();
        assertThat(selection.matches(new TableId("staging_api", "inspections"))).isTrue();
        assertThat(selection.matches(new TableId("shopping", "orders"))).isFalse();
        assertThat(selection.sourceTablePatterns())
                .containsExactly("(shop)\\..*", "(staging_.*)\\..*");
    }

    @Test
    void tablePatternsMatchTheWholeQualifiedNameAndExcludesWin() {
        TableSelection selection =
                TableSelection.parse("shop", "shop\\.order.*", "shop\\.orders_archive");
        assertThat(selection.matches(new TableId("shop", "orders"))).isTrue();
        assertThat(selection.matches(new TableId("shop", "order_items"))).isTrue();
        assertThat(selection.matches(new TableId("shop", "orders_archive"))).isFalse();
        assertThat(selection.matches(new TableId("shop", "customer_orders"))).isFalse();
    }
}

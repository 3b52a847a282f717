package io.historylake.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.TableId;
import org.junit.jupiter.api.Test;

class TableStatementsTest {

    @Test
    void aTruncateNamesItsTableWithOrWithoutDatabaseAndQuotes() {
        assertThat(TableStatements.tablesLosingRows("TRUNCATE TABLE ev.t", "x"))
                .containsExactly(new TableId("ev", "t"));
        assertThat(TableStatements.tablesLosingRows("truncate `my db`.`t-1`", "x"))
                .containsExactly(new TableId("my db", "t-1"));
        assertThat(TableStatements.tablesLosingRows("TRUNCATE t", "shop"))
                .containsExactly(new TableId("shop", "t"));
    }

    @Test
    void aRenameTableNamesEveryTableRenamedAway() {
        assertThat(TableStatements.tablesLosingRows("RENAME TABLE ev.t TO ev.t2, u TO u_old", "db"))
                .containsExactly(new TableId("ev", "t"), new TableId("db", "u"));
    }

    @Test
    void otherStatementsNameNothing() {
        assertThat(TableStatements.tablesLosingRows("ALTER TABLE t RENAME TO t2", "db")).isEmpty();
        assertThat(TableStatements.tablesLosingRows("DROP TABLE t", "db")).isEmpty();
    }
}

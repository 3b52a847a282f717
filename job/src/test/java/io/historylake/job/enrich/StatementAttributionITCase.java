package io.historylake.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.EnrichmentSettings;
import io.historylake.job.HistoryLakeJob;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.sink.LakeSink;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.ListedEvents;
import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement path of attribution, through the whole pipeline into the lake: changes whose
 * statements carry sqlcommenter tags (as MySQL's Rows_query events deliver them) are attributed to
 * the tagged user and request; untagged ones fall back to the row's columns.
 */
class StatementAttributionITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final TableSchema SCHEMA =
            new TableSchema(
                    new TableId("app", "accounts"),
                    List.of(
                            new Column("id", "INT", 11, -1, false, List.of(), LakeType.INT),
                            new Column(
                                    "plan-name",
                                    "VARCHAR",
                                    20,
                                    -1,
                                    true,
                                    List.of(),
                                    LakeType.STRING),
                            new Column(
                                    "updated_by",
                                    "VARCHAR",
                                    40,
                                    -1,
                                    true,
                                    List.of(),
                                    LakeType.STRING)),
                    List.of("id"));

    @TempDir Path work;

    @Test
    void taggedStatementsAttributeTheirChangesThroughThePipeline() throws Exception {
        List<CdcEvent> events =
                List.of(
                        change(
                                Op.CREATE,
                                null,
                                row("free", null),
                                100,
                                "INSERT INTO accounts VALUES (1, 'free', NULL) /*user_id='15016',request_id='abc-123'*/"),
                        change(
                                Op.UPDATE,
                                row("free", null),
                                row("pro", "ops-bot"),
                                200,
                                "UPDATE accounts SET plan = 'pro', updated_by = 'ops-bot' WHERE id = 1"),
                        change(
                                Op.UPDATE,
                                row("pro", "ops-bot"),
                                row("team", "ops-bot"),
                                300,
                                "UPDATE accounts SET plan='team' /*request_id='r%2F42',user_id='u%20x'*/"),
                        change(
                                Op.DELETE,
                                row("team", "ops-bot"),
                                null,
                                400,
                                "DELETE FROM accounts WHERE id = 1 /*user_id='15017'*/"));
        Configuration options = new Configuration();
        options.set(HistoryLakeOptions.ATHENA_DATABASE, "history");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        org.apache.flink.core.fs.Path lake = new org.apache.flink.core.fs.Path(work.toUri());
        new HistoryLakeJob(
                        ListedEvents.source(events),
                        LakeSink.builder().lake(lake).options(options).build(),
                        EnrichmentSettings.defaults())
                .build(env);
        env.execute("statement attribution");

        assertThat(work.resolve("_schemas/app/accounts/v1.avsc"))
                .content()
                .contains("\"mysql.name\" : \"plan-name\"");
        assertThat(work.resolve("_athena/app/accounts/v1.sql"))
                .content()
                .startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `history`.`app_accounts_files`")
                .contains("`plan-name` string");
        assertThat(
                        new Lake(work)
                                .rows(
                                        "SELECT _row_version, _op, \"plan-name\", _user_id, _request_id, _query"
                                                + " FROM app_accounts ORDER BY _row_version"))
                .containsExactly(
                        Arrays.asList("1", "c", "free", "15016", "abc-123", null),
                        Arrays.asList("2", "u", "pro", "ops-bot", null, null),
                        Arrays.asList("3", "u", "team", "u x", "r/42", null),
                        Arrays.asList("4", "d", "team", "15017", null, null));
    }

    private static RowChange change(Op op, Object[] before, Object[] after, long pos, String sql) {
        BinlogPosition position = new BinlogPosition("binlog.000001", pos, 0);
        return RowChange.of(SCHEMA, op, before, after, 1_700_000_000_000_000L + pos, position)
                .withSource(null, sql, "binlog.000001:" + pos, 0, false);
    }

    private static Object[] row(String plan, String updatedBy) {
        return new Object[] {1, plan, updatedBy};
    }
}

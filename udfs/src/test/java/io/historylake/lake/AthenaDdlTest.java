package io.historylake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.testing.Changes;
import java.util.List;
import org.junit.jupiter.api.Test;

class AthenaDdlTest {

    private final AthenaDdl ddl =
            new AthenaDdl("history", "s3://lake-bucket/lake", "dt", "2024-01-01");

    @Test
    void aTableIsCreatedOverItsFilesWithProjectedDatePartitions() {
        TableSchema schema =
                new TableSchema(
                        new TableId("Staging_API", "inspections"),
                        List.of(
                                column("id", LakeType.INT),
                                column("score", LakeType.decimal(5, 2)),
                                column("flags", LakeType.STRING_ARRAY),
                                column("odd`name", LakeType.TIMESTAMP_MICROS)),
                        List.of("id"));
        String create = ddl.createTable(schema);
        assertThat(create)
                .startsWith(
                        "CREATE EXTERNAL TABLE IF NOT EXISTS"
                                + " `history`.`staging_api_inspections_files` (")
                .contains(
                        "  `id` int,\n  `score` decimal(5,2),\n  `flags` array<string>,\n  `odd``name` timestamp,")
                .contains(
                        "  `_op` string,",
                        "  `_event_time` timestamp,",
                        "  `_row_version` bigint,",
                        "  `_changed_columns` array<string>,",
                        "  `_pk_changed` boolean,")
                .contains("PARTITIONED BY (`dt` string)")
                .contains("LOCATION 's3://lake-bucket/lake/Staging_API/inspections/'")
                .contains("'projection.dt.range' = '2024-01-01,NOW'")
                .contains(
                        "'storage.location.template' = 's3://lake-bucket/lake/Staging_API/inspections/dt=${dt}/'");
    }

    @Test
    void aLaterVersionAddsOnlyItsNewColumns() {
        assertThat(ddl.addColumns(Changes.schema(), Changes.widerSchema()))
                .isEqualTo(
                        "ALTER TABLE `history`.`shop_orders_files` ADD COLUMNS (`extra` bigint)");
        assertThat(ddl.addColumns(Changes.schema(), Changes.schema())).isNull();
    }

    @Test
    void queriesReadAViewThatTakesCompactedFilesOnlyOnceTheirCompactionCommitted() {
        assertThat(ddl.view(Changes.schema()))
                .isEqualTo(
                        "CREATE OR REPLACE VIEW \"history\".\"shop_orders\" AS\n"
                                + "SELECT * FROM \"history\".\"shop_orders_files\"\n"
                                + "WHERE \"$path\" NOT IN (SELECT 's3://lake-bucket/lake/' || file"
                                + " FROM \"history\".\"history_lake_compactions\""
                                + " WHERE \"table\" = 'shop.orders' AND kind = 'input')\n"
                                + "  AND (\"$path\" NOT LIKE '%/compacted-%' OR \"$path\" IN"
                                + " (SELECT 's3://lake-bucket/lake/' || file"
                                + " FROM \"history\".\"history_lake_compactions\""
                                + " WHERE \"table\" = 'shop.orders' AND kind = 'output'))");
        assertThat(ddl.compactionJournal())
                .startsWith(
                        "CREATE EXTERNAL TABLE IF NOT EXISTS `history`.`history_lake_compactions`")
                .contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'")
                .endsWith("LOCATION 's3://lake-bucket/lake/_compactions/'");
    }

    private static Column column(String name, LakeType type) {
        return new Column(name, "X", -1, -1, true, List.of(), type);
    }
}

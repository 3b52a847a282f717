package io.historylake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.testing.Changes;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    @Test
    void columnNamesThatAreNoAvroNamesGetUniqueSanitizedFieldsKeepingTheMySqlName() {
        TableSchema table =
                new TableSchema(
                        new TableId("db", "t-1"),
                        List.of(
                                column("order-id"),
                                column("order_id"),
                                column("first name"),
                                column("1st"),
                                column("prénom")),
                        List.of());
        Schema schema = AvroSchemas.lakeRowSchema(table, 3);
        assertThat(schema.getFields().subList(0, 5))
                .extracting(Schema.Field::name)
                .containsExactly("order_id", "order_id_2", "first_name", "_1st", "pr_nom");
        assertThat(schema.getField("order_id").getProp("mysql.name")).isEqualTo("order-id");
        assertThat(schema.getField("order_id_2").getProp("mysql.name")).isEqualTo("order_id");
        assertThat(schema.getObjectProp("history_lake.schema_version")).isEqualTo(3);
        assertThat(new Schema.Parser().parse(schema.toString())).isEqualTo(schema);
        assertThat(AvroSchemas.namesAreAvroNames(table)).isFalse();
        assertThat(AvroSchemas.namesAreAvroNames(Changes.schema())).isTrue();
    }

    @Test
    void metadataColumnsFollowTheSourceColumns() {
        Schema schema = AvroSchemas.lakeRowSchema(Changes.schema(), 1);
        assertThat(schema.getFields())
                .extracting(Schema.Field::name)
                .startsWith("id", "note", "_op");
        assertThat(schema.getField("_row_in_event").schema().isNullable()).isTrue();
        assertThat(schema.getField("_event_id").schema().isNullable()).isFalse();
    }

    private static Column column(String name) {
        return new Column(name, "INT", -1, -1, true, List.of(), LakeType.INT);
    }
}

package io.historylake.schema;

import io.historylake.model.Column;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.types.MySqlTypes;
import java.util.ArrayList;
import java.util.List;

/** Builders of {@code shop.orders} schemas with MySQL-typed columns for the schema rule tests. */
final class TestSchemas {

    static final TableId TABLE = new TableId("shop", "orders");

    private TestSchemas() {}

    static TableSchema schema(Column... columns) {
        return new TableSchema(TABLE, new ArrayList<>(List.of(columns)), List.of());
    }

    static Column col(String name, String type) {
        return col(name, type, -1);
    }

    static Column col(String name, String type, int length) {
        return new Column(
                name, type, length, -1, true, List.of(), MySqlTypes.lakeType(type, length, -1));
    }

    static Column dec(String name, int p, int s) {
        return new Column(
                name, "DECIMAL", p, s, true, List.of(), MySqlTypes.lakeType("DECIMAL", p, s));
    }

    static Column en(String name, String... values) {
        return new Column(
                name, "ENUM", 1, -1, true, List.of(values), MySqlTypes.lakeType("ENUM", 1, -1));
    }
}

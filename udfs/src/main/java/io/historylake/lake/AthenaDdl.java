package io.historylake.lake;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Athena DDL for a lake table: {@code CREATE EXTERNAL TABLE} over the table's Parquet files with
 * partition projection on the date partition (no crawler, no MSCK REPAIR), and {@code ALTER TABLE
 * ... ADD COLUMNS} for the columns a later compatible schema version adds.
 *
 * @param athenaDatabase the Glue/Athena database the tables live in
 * @param lakeLocation the lake root as Athena sees it, e.g. {@code s3://bucket/lake}
 * @param partitionColumn the date partition's name ({@code dt})
 * @param firstDate the first partition date projected, {@code yyyy-MM-dd}
 */
public record AthenaDdl(
        String athenaDatabase, String lakeLocation, String partitionColumn, String firstDate) {

    /** The statement that creates the table for a schema version. */
    public String createTable(TableSchema table) {
        String location = location(table);
        List<String> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add("  " + quote(column.name()) + " " + type(column.lakeType()));
        }
        for (MetadataColumn meta : MetadataColumn.values()) {
            columns.add("  " + quote(meta.columnName()) + " " + type(meta.type()));
        }
        String p = partitionColumn;
        return "CREATE EXTERNAL TABLE IF NOT EXISTS "
                + tableName(table)
                + " (\n"
                + String.join(",\n", columns)
                + "\n)\nPARTITIONED BY ("
                + quote(p)
                + " string)\nSTORED AS PARQUET\nLOCATION '"
                + location
                + "'\nTBLPROPERTIES (\n"
                + "  'projection.enabled' = 'true',\n"
                + "  'projection."
                + p
                + ".type' = 'date',\n"
                + "  'projection."
                + p
                + ".format' = 'yyyy-MM-dd',\n"
                + "  'projection."
                + p
                + ".range' = '"
                + firstDate
                + ",NOW',\n"
                + "  'projection."
                + p
                + ".interval' = '1',\n"
                + "  'projection."
                + p
                + ".interval.unit' = 'DAYS',\n"
                + "  'storage.location.template' = '"
                + location
                + p
                + "=${"
                + p
                + "}/'\n)";
    }

    /** The statement that adds the columns of {@code next} that {@code previous} lacks, or null. */
    public String addColumns(TableSchema previous, TableSchema next) {
        List<String> added = new ArrayList<>();
        for (Column column : next.columns()) {
            if (previous.indexOf(column.name()) < 0) {
                added.add(quote(column.name()) + " " + type(column.lakeType()));
            }
        }
        return added.isEmpty()
                ? null
                : "ALTER TABLE "
                        + tableName(next)
                        + " ADD COLUMNS ("
                        + String.join(", ", added)
                        + ")";
    }

    /** {@code `athena_db`.`database_table`}. */
    public String tableName(TableSchema table) {
        return quote(athenaDatabase)
                + "."
                + quote(table.table().viewName().toLowerCase(Locale.ROOT));
    }

    /** The Athena (Hive) type of a lake type. */
    public static String type(LakeType type) {
        return switch (type.kind()) {
            case INT -> "int";
            case LONG -> "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
            case BYTES -> "binary";
            case DECIMAL -> "decimal(" + type.precision() + "," + type.scale() + ")";
            case DATE -> "date";
            case TIMESTAMP_MICROS -> "timestamp";
            case STRING_ARRAY -> "array<string>";
        };
    }

    private String location(TableSchema table) {
        String root = lakeLocation.endsWith("/") ? lakeLocation : lakeLocation + "/";
        return root + table.table().lakePath() + "/";
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}

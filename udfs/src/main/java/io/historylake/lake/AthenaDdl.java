package io.historylake.lake;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Athena DDL for a lake table: {@code CREATE EXTERNAL TABLE <db_table>_files} over the table's
 * Parquet files with partition projection on the date partition (no crawler, no MSCK REPAIR),
 * {@code ALTER TABLE ... ADD COLUMNS} for the columns a later compatible schema version adds, and
 * the view {@code <db_table>} that queries read: the files less those a committed compaction
 * replaced, compacted files only once committed (the journal table {@value #COMPACTIONS}).
 *
 * @param athenaDatabase the Glue/Athena database the tables live in
 * @param lakeLocation the lake root as Athena sees it, e.g. {@code s3://bucket/lake}
 * @param partitionColumn the date partition's name ({@code dt})
 * @param firstDate the first partition date projected, {@code yyyy-MM-dd}
 */
public record AthenaDdl(
        String athenaDatabase, String lakeLocation, String partitionColumn, String firstDate) {

    /** The compaction journal's table. */
    public static final String COMPACTIONS = "history_lake_compactions";

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
                + filesTableName(table)
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
                        + filesTableName(next)
                        + " ADD COLUMNS ("
                        + String.join(", ", added)
                        + ")";
    }

    /**
     * The view queries read: the table's files as a compaction left them visible. Created again
     * after every schema version, as a view's {@code *} is fixed when it is created.
     */
    public String view(TableSchema table) {
        String files = "\"" + athenaDatabase + "\".\"" + COMPACTIONS + "\"";
        String root = lakeLocation.replaceFirst("^s3a://", "s3://");
        root = root.endsWith("/") ? root : root + "/";
        String journal =
                "(SELECT '"
                        + root.replace("'", "''")
                        + "' || file FROM "
                        + files
                        + " WHERE \"table\" = '"
                        + table.table().qualified().replace("'", "''")
                        + "' AND kind = '";
        return "CREATE OR REPLACE VIEW \""
                + athenaDatabase
                + "\".\""
                + name(table)
                + "\" AS\nSELECT * FROM \""
                + athenaDatabase
                + "\".\""
                + name(table)
                + "_files\"\nWHERE \"$path\" NOT IN "
                + journal
                + "input')\n  AND (\"$path\" NOT LIKE '%/compacted-%' OR \"$path\" IN "
                + journal
                + "output'))";
    }

    /** The compaction journal as a table: {@code <lake>/_compactions/*.json}, JSON lines. */
    public String compactionJournal() {
        String root = lakeLocation.endsWith("/") ? lakeLocation : lakeLocation + "/";
        return "CREATE EXTERNAL TABLE IF NOT EXISTS "
                + quote(athenaDatabase)
                + "."
                + quote(COMPACTIONS)
                + " (\n  `commit` string,\n  `committed_at` string,\n  `table` string,\n"
                + "  `kind` string,\n  `file` string\n)\n"
                + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\nLOCATION '"
                + root
                + "_compactions/'";
    }

    /** {@code `athena_db`.`database_table`}: the view queries read. */
    public String tableName(TableSchema table) {
        return quote(athenaDatabase) + "." + quote(name(table));
    }

    /** {@code `athena_db`.`database_table_files`}: the table over all the Parquet files. */
    public String filesTableName(TableSchema table) {
        return quote(athenaDatabase) + "." + quote(name(table) + "_files");
    }

    private static String name(TableSchema table) {
        return table.table().viewName().toLowerCase(Locale.ROOT);
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

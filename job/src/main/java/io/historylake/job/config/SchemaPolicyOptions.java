package io.historylake.job.config;

import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The options {@code schema.policy} and {@code schema.policy.tables} ({@code regex=policy;...}).
 */
public final class SchemaPolicyOptions {

    private SchemaPolicyOptions() {}

    public static final ConfigOption<SchemaPolicy> POLICY =
            ConfigOptions.key("schema.policy")
                    .enumType(SchemaPolicy.class)
                    .defaultValue(SchemaPolicy.QUARANTINE)
                    .withDescription(
                            "What a schema change that renames, retypes or repurposes a column"
                                    + " does: FAIL stops the job; QUARANTINE sends the table's"
                                    + " events to <lake>/_quarantine/ until 'history-lake"
                                    + " quarantine release'; STRING lands the violated columns as"
                                    + " strings in a new schema version.");
    public static final ConfigOption<String> TABLES =
            ConfigOptions.key("schema.policy.tables")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Per-table policies, 'regex=policy;regex=policy' over database.table;"
                                    + " the first match wins, else schema.policy.");

    public static SchemaPolicies policies(Configuration options) {
        Map<String, SchemaPolicy> perTable = new LinkedHashMap<>();
        for (String entry : options.get(TABLES).split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            String pattern = eq <= 0 ? "" : entry.substring(0, eq).trim();
            String policy = eq <= 0 ? "" : entry.substring(eq + 1).trim();
            try {
                Pattern.compile(pattern);
                perTable.put(pattern, SchemaPolicy.valueOf(policy.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "Invalid --schema.policy.tables entry '"
                                + entry.trim()
                                + "': expected a regular expression over database.table, '=',"
                                + " and one of "
                                + Arrays.toString(SchemaPolicy.values()).toLowerCase(Locale.ROOT)
                                + " (e.g. 'shop\\.orders=fail;shop\\..*=string')",
                        e);
            }
        }
        return new SchemaPolicies(options.get(POLICY), perTable);
    }
}

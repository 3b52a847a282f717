package io.historylake.job.config;

import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;

/** Reads {@code schema.policy} and {@code schema.policy.tables} ({@code regex=policy;...}). */
public final class SchemaPolicyOptions {

    private SchemaPolicyOptions() {}

    public static SchemaPolicies policies(Configuration options) {
        Map<String, SchemaPolicy> perTable = new LinkedHashMap<>();
        for (String entry : options.get(HistoryLakeOptions.SCHEMA_POLICY_TABLES).split(";")) {
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
        return new SchemaPolicies(options.get(HistoryLakeOptions.SCHEMA_POLICY), perTable);
    }
}

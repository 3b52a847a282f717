package io.historylake.job.config;

import io.historylake.mask.MaskAction;
import io.historylake.mask.MaskingRules;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;

/** Reads the {@code mask} option: {@code pattern=action;pattern=action}. */
public final class MaskingOptions {

    private MaskingOptions() {}

    public static MaskingRules rules(Configuration options) {
        Map<String, MaskAction> rules = new LinkedHashMap<>();
        for (String entry : options.get(HistoryLakeOptions.MASK).split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new ConfigException(
                        "Invalid --mask entry '" + entry + "': expected pattern=drop|hash|null");
            }
            String pattern = entry.substring(0, eq).trim();
            try {
                Pattern.compile(pattern);
                rules.put(
                        pattern,
                        MaskAction.valueOf(
                                entry.substring(eq + 1).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "Invalid --mask entry '"
                                + entry
                                + "': expected a regular expression over"
                                + " database.table.column, '=', and drop, hash or null",
                        e);
            }
        }
        String salt = options.get(HistoryLakeOptions.MASK_SALT);
        if (rules.containsValue(MaskAction.HASH) && salt.isBlank()) {
            throw new ConfigException(
                    "Hash masking needs a salt: set the HISTORY_LAKE_MASK_SALT environment variable"
                            + " (keep it secret and stable: the same value hashes the same way)");
        }
        return new MaskingRules(rules, salt.getBytes(StandardCharsets.UTF_8));
    }
}

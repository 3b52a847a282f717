package io.historylake.job.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the job's options, later sources overriding earlier ones: managed Flink property groups
 * ({@value #MANAGED_PROPERTIES}, group {@value #PROPERTY_GROUP}), a properties file ({@code
 * --config FILE}), then {@code --key value} flags; secrets come from the environment or the files,
 * never flags. Unknown keys and invalid values fail fast, naming the option and what it takes.
 */
public final class ConfigLoader {

    /** Where Amazon Managed Service for Apache Flink puts the application's property groups. */
    public static final String MANAGED_PROPERTIES = "/etc/flink/application_properties.json";

    /** The property group the job reads on managed Flink. */
    public static final String PROPERTY_GROUP = "HistoryLake";

    private ConfigLoader() {}

    /** Loads from the command line, the environment and, if present, managed Flink's file. */
    public static Configuration load(String[] args, Map<String, String> env) {
        return load(args, env, Path.of(MANAGED_PROPERTIES));
    }

    static Configuration load(String[] args, Map<String, String> env, Path managedProperties) {
        Map<String, String> values = new TreeMap<>();
        // How a key is shown in a message: as the user gave it (a flag, or a file's key).
        Map<String, String> names = new TreeMap<>();
        if (Files.isRegularFile(managedProperties)) {
            putAll(values, names, readPropertyGroup(managedProperties), "in " + managedProperties);
        }
        Map<String, String> flags = Flags.parse(args);
        String configFile = flags.remove(Flags.CONFIG);
        if (configFile != null) {
            putAll(values, names, readProperties(Path.of(configFile)), "in " + configFile);
        }
        putAll(values, names, flags, null);
        fromEnvironment(values, env);
        for (String key : values.keySet()) {
            if (!KnownOptions.byKey().containsKey(key)) {
                throw Flags.unknown(names.get(key), key);
            }
        }
        Configuration conf = validated(values, names);
        requirePresent(conf);
        return conf;
    }

    private static void putAll(
            Map<String, String> values,
            Map<String, String> names,
            Map<String, String> from,
            String where) {
        values.putAll(from);
        for (String key : from.keySet()) {
            names.put(key, where == null ? "'--" + key + "'" : "'" + key + "' " + where);
        }
    }

    private static void fromEnvironment(Map<String, String> values, Map<String, String> env) {
        if (!values.containsKey(HistoryLakeOptions.MYSQL_PASSWORD.key())
                && env.get("MYSQL_PASSWORD") != null) {
            values.put(HistoryLakeOptions.MYSQL_PASSWORD.key(), env.get("MYSQL_PASSWORD"));
        }
        if (!values.containsKey(S3Options.ACCESS_KEY.key())
                && env.get("AWS_ACCESS_KEY_ID") != null
                && env.get("AWS_SECRET_ACCESS_KEY") != null) {
            values.put(S3Options.ACCESS_KEY.key(), env.get("AWS_ACCESS_KEY_ID"));
        }
        if (env.get("AWS_SECRET_ACCESS_KEY") != null) {
            values.put(S3Options.SECRET_KEY.key(), env.get("AWS_SECRET_ACCESS_KEY"));
        }
        if (env.get("HISTORY_LAKE_MASK_SALT") != null) {
            values.put(HistoryLakeOptions.MASK_SALT.key(), env.get("HISTORY_LAKE_MASK_SALT"));
        }
    }

    /** The values parsed with their options' types; an invalid one is named with its form. */
    private static Configuration validated(Map<String, String> values, Map<String, String> names) {
        Map<String, String> typed = new TreeMap<>(values);
        for (KnownOptions.Entry entry : KnownOptions.byKey().values()) {
            if (entry.type().isEnum()) {
                // Enum values are written the way users type them ("specific-offset").
                typed.computeIfPresent(entry.key(), (k, v) -> v.replace('-', '_'));
            }
        }
        Configuration conf = Configuration.fromMap(typed);
        for (KnownOptions.Entry entry : KnownOptions.byKey().values()) {
            try {
                conf.get(entry.option());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "Invalid value "
                                + (entry.secret() ? "" : "'" + values.get(entry.key()) + "' ")
                                + "for "
                                + names.getOrDefault(entry.key(), entry.key())
                                + ": expected "
                                + OptionText.expected(entry)
                                + " (default "
                                + OptionText.defaultValue(entry)
                                + "). "
                                + OptionText.description(entry),
                        e);
            }
        }
        return conf;
    }

    private static void requirePresent(Configuration conf) {
        List<String> missing = new ArrayList<>();
        for (ConfigOption<String> option : KnownOptions.REQUIRED) {
            if (conf.getOptional(option).map(String::isBlank).orElse(true)) {
                missing.add(
                        "'--"
                                + option.key()
                                + "' ("
                                + PlainTextFormatter.text(option.description())
                                + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(
                    (missing.size() == 1 ? "Missing option " : "Missing options ")
                            + String.join(", ", missing)
                            + ": give each as --key value or key=value in a --config file"
                            + " (--help lists every option)");
        }
    }

    /** The MySQL connection settings of a loaded configuration. */
    public static MySqlConnection connection(Configuration conf) {
        return new MySqlConnection(
                conf.get(HistoryLakeOptions.MYSQL_HOST),
                conf.get(HistoryLakeOptions.MYSQL_PORT),
                conf.get(HistoryLakeOptions.MYSQL_USER),
                conf.getOptional(HistoryLakeOptions.MYSQL_PASSWORD).orElse(""));
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read --config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name).trim());
        }
        return values;
    }

    private static Map<String, String> readPropertyGroup(Path file) {
        Map<String, String> values = new TreeMap<>();
        try {
            for (JsonNode group : new ObjectMapper().readTree(file.toFile())) {
                if (PROPERTY_GROUP.equals(group.path("PropertyGroupId").asText())) {
                    group.path("PropertyMap")
                            .fields()
                            .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
                }
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read managed Flink properties " + file, e);
        }
        return values;
    }
}

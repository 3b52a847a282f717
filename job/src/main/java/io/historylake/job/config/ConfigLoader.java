package io.historylake.job.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * --config FILE}), then {@code --key value} flags; the password may come from {@code
 * MYSQL_PASSWORD}. Unknown keys and invalid values fail fast, naming the option.
 */
public final class ConfigLoader {

    /** Where Amazon Managed Service for Apache Flink puts the application's property groups. */
    public static final String MANAGED_PROPERTIES = "/etc/flink/application_properties.json";

    /** The property group the job reads on managed Flink. */
    public static final String PROPERTY_GROUP = "HistoryLake";

    private static final Map<String, ConfigOption<?>> OPTIONS = knownOptions();

    private ConfigLoader() {}

    /** Loads from the command line, the environment and, if present, managed Flink's file. */
    public static Configuration load(String[] args, Map<String, String> env) {
        return load(args, env, Path.of(MANAGED_PROPERTIES));
    }

    static Configuration load(String[] args, Map<String, String> env, Path managedProperties) {
        Map<String, String> values = new TreeMap<>();
        if (Files.isRegularFile(managedProperties)) {
            values.putAll(readPropertyGroup(managedProperties));
        }
        Map<String, String> flags = parseFlags(args);
        String configFile = flags.remove("config");
        if (configFile != null) {
            values.putAll(readProperties(Path.of(configFile)));
        }
        values.putAll(flags);
        // Enum values are written the way users type them ("specific-offset").
        values.computeIfPresent(HistoryLakeOptions.STARTUP.key(), (k, v) -> v.replace('-', '_'));
        values.computeIfPresent(RunOptions.STATE_BACKEND.key(), (k, v) -> v.replace('-', '_'));
        values.computeIfPresent(HistoryLakeOptions.CAPTURE.key(), (k, v) -> v.replace('-', '_'));
        if (!values.containsKey(HistoryLakeOptions.MYSQL_PASSWORD.key())
                && env.get("MYSQL_PASSWORD") != null) {
            values.put(HistoryLakeOptions.MYSQL_PASSWORD.key(), env.get("MYSQL_PASSWORD"));
        }
        if (flags.containsKey(HistoryLakeOptions.MASK_SALT.key())) {
            throw new ConfigException(
                    "The masking salt is not a flag (it would show in process lists): set the"
                            + " HISTORY_LAKE_MASK_SALT environment variable");
        }
        if (flags.containsKey(S3Options.SECRET_KEY.key())) {
            throw new ConfigException(
                    "--s3.secret-key is not accepted on the command line (it would show in process"
                            + " lists): set the AWS_SECRET_ACCESS_KEY environment variable");
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
        for (String key : values.keySet()) {
            if (!OPTIONS.containsKey(key)) {
                throw new ConfigException(
                        "Unknown option '"
                                + key
                                + "'. Known options: "
                                + String.join(", ", OPTIONS.keySet()));
            }
        }
        Configuration conf = Configuration.fromMap(values);
        for (ConfigOption<?> option : OPTIONS.values()) {
            try {
                conf.get(option);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "Invalid value for option '"
                                + option.key()
                                + "': "
                                + e.getMessage()
                                + ". "
                                + option.description().toString().replaceAll("<[^>]*>", ""),
                        e);
            }
        }
        require(conf, HistoryLakeOptions.MYSQL_USER);
        require(conf, HistoryLakeOptions.MYSQL_DATABASES);
        return conf;
    }

    /** The MySQL connection settings of a loaded configuration. */
    public static MySqlConnection connection(Configuration conf) {
        return new MySqlConnection(
                conf.get(HistoryLakeOptions.MYSQL_HOST),
                conf.get(HistoryLakeOptions.MYSQL_PORT),
                conf.get(HistoryLakeOptions.MYSQL_USER),
                conf.getOptional(HistoryLakeOptions.MYSQL_PASSWORD).orElse(""));
    }

    private static void require(Configuration conf, ConfigOption<String> option) {
        if (conf.getOptional(option).map(String::isBlank).orElse(true)) {
            throw new ConfigException(
                    "Missing option '--" + option.key() + "': " + option.description());
        }
    }

    private static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(
                        "Unexpected argument '" + arg + "': options are given as --key value");
            }
            String key = arg.substring(2);
            int eq = key.indexOf('=');
            if (eq > 0) {
                flags.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(key, args[++i]);
            } else {
                throw new ConfigException("Option '--" + key + "' needs a value");
            }
        }
        return flags;
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

    private static Map<String, ConfigOption<?>> knownOptions() {
        Map<String, ConfigOption<?>> options = new TreeMap<>();
        for (Class<?> holder :
                List.of(
                        HistoryLakeOptions.class,
                        RunOptions.class,
                        S3Options.class,
                        SchemaPolicyOptions.class)) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                        options.put(option.key(), option);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return options;
    }
}

package io.historylake.job.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of the job, read from the option classes themselves: what the loader accepts, checks
 * and {@code run --help} lists is one list, never a copy.
 */
public final class KnownOptions {

    /** The options the job cannot start without. */
    public static final List<ConfigOption<String>> REQUIRED =
            List.of(HistoryLakeOptions.MYSQL_USER, HistoryLakeOptions.MYSQL_DATABASES);

    /**
     * Options never taken from the command line (their value would show in process lists), each
     * with the environment variable it is read from instead.
     */
    public static final Map<String, String> SECRETS =
            Map.of(
                    HistoryLakeOptions.MYSQL_PASSWORD.key(), "MYSQL_PASSWORD",
                    HistoryLakeOptions.MASK_SALT.key(), "HISTORY_LAKE_MASK_SALT",
                    S3Options.SECRET_KEY.key(), "AWS_SECRET_ACCESS_KEY");

    private static final List<Group> GROUPS =
            List.of(
                    group("Capture, enrichment and lake", HistoryLakeOptions.class),
                    group("Schema evolution guard", SchemaPolicyOptions.class),
                    group("Running: checkpoints, state, restarts", RunOptions.class),
                    group(
                            "S3 (a local run; a cluster takes them from its Flink configuration)",
                            S3Options.class));

    private static final Map<String, Entry> BY_KEY = index(GROUPS);

    private KnownOptions() {}

    /** An option and the type of its values. */
    public record Entry(ConfigOption<?> option, Class<?> type) {

        public String key() {
            return option.key();
        }

        public boolean required() {
            return REQUIRED.contains(option);
        }

        public boolean secret() {
            return SECRETS.containsKey(option.key());
        }
    }

    /** The options of one option class, in the order the class declares them. */
    public record Group(String title, List<Entry> entries) {}

    public static List<Group> groups() {
        return GROUPS;
    }

    /** Every option by key. */
    public static Map<String, Entry> byKey() {
        return BY_KEY;
    }

    private static Group group(String title, Class<?> holder) {
        List<Entry> entries = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && Modifier.isPublic(field.getModifiers())
                    && field.getType() == ConfigOption.class) {
                entries.add(new Entry(value(field), valueType(field)));
            }
        }
        return new Group(title, List.copyOf(entries));
    }

    private static ConfigOption<?> value(Field field) {
        try {
            return (ConfigOption<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Integer} of a field {@code ConfigOption<Integer>}: Flink keeps its own private. */
    private static Class<?> valueType(Field field) {
        Type type = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType(); // e.g. List<String>
    }

    private static Map<String, Entry> index(List<Group> groups) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (Group group : groups) {
            for (Entry entry : group.entries()) {
                if (byKey.put(entry.key(), entry) != null) {
                    throw new IllegalStateException("Option " + entry.key() + " declared twice");
                }
            }
        }
        return Collections.unmodifiableMap(byKey);
    }
}

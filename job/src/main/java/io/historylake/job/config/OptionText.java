package io.historylake.job.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;

/** An option's default, description and accepted values, written the way users type them. */
public final class OptionText {

    private OptionText() {}

    /** The description as plain text. */
    public static String description(KnownOptions.Entry entry) {
        return PlainTextFormatter.text(entry.option().description());
    }

    /** The default as a user would type it; "required" or "none" without one. */
    public static String defaultValue(KnownOptions.Entry entry) {
        if (entry.required()) {
            return "required";
        }
        if (!entry.option().hasDefaultValue()) {
            return "none";
        }
        Object value = entry.option().defaultValue();
        if (value instanceof String text && text.isEmpty()) {
            return "empty";
        }
        return value(value);
    }

    /** What the option accepts, e.g. "a duration such as 30s, 5min or 1h". */
    public static String expected(KnownOptions.Entry entry) {
        Class<?> type = entry.type();
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(OptionText::value)
                            .collect(Collectors.joining(", "));
        } else if (type == Integer.class || type == Long.class) {
            return "a whole number";
        } else if (type == Boolean.class) {
            return "true or false";
        } else if (type == Duration.class) {
            return "a duration such as 500ms, 30s, 5min or 1h";
        } else if (type == MemorySize.class) {
            return "a size such as 64kb, 128mb or 1gb";
        }
        return "text";
    }

    /** What goes after the flag: the values of an enum or a boolean, else a placeholder. */
    public static String placeholder(KnownOptions.Entry entry) {
        Class<?> type = entry.type();
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants())
                    .map(OptionText::value)
                    .collect(Collectors.joining("|"));
        } else if (type == Boolean.class) {
            return "true|false";
        } else if (type == Integer.class || type == Long.class) {
            return "<number>";
        } else if (type == Duration.class) {
            return "<duration>";
        } else if (type == MemorySize.class) {
            return "<size>";
        }
        return "<value>";
    }

    /** A value the way users type it: enums lower-case with dashes, durations with a unit. */
    public static String value(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        } else if (value instanceof Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration);
        }
        return String.valueOf(value);
    }
}

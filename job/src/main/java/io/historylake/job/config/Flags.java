package io.historylake.job.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's command line, {@code --key value} or {@code --key=value} pairs, and the messages of a
 * mistyped or refused flag that every command shares.
 */
public final class Flags {

    /** The flag naming a properties file, not an option itself. */
    static final String CONFIG = "config";

    private Flags() {}

    /** The flags by key; refuses secrets, and a flag without value, naming what it takes. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(
                        "Unexpected argument '"
                                + arg
                                + "': options are given as --key value (--help lists them)");
            }
            int eq = arg.indexOf('=');
            String key = eq > 2 ? arg.substring(2, eq) : arg.substring(2);
            refuseSecret(key, true);
            if (eq > 2) {
                flags.put(key, arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(key, args[++i]);
            } else {
                throw missingValue(key);
            }
        }
        return flags;
    }

    /** The names a flag can have: every option, and {@code config}. */
    static List<String> names() {
        List<String> names = new ArrayList<>(KnownOptions.byKey().keySet());
        names.add(CONFIG);
        names.add("help");
        return names;
    }

    /** "Unknown option '--x': did you mean --y?", for a name neither an option nor a flag. */
    static ConfigException unknown(String display, String key) {
        return unknown(display, key, names());
    }

    /**
     * "Unknown option '--x': did you mean --y?" with the nearest of {@code names} (without dashes),
     * and where the full list is.
     */
    public static ConfigException unknown(String display, String key, List<String> names) {
        List<String> nearest = Suggestions.nearest(key, names);
        String hint =
                nearest.isEmpty() ? "" : ": did you mean --" + String.join(" or --", nearest) + "?";
        return new ConfigException(
                "Unknown option " + display + hint + " (--help lists every option)");
    }

    private static ConfigException missingValue(String key) {
        KnownOptions.Entry entry = KnownOptions.byKey().get(key);
        if (entry == null && !key.equals(CONFIG)) {
            return unknown("'--" + key + "'", key);
        }
        String expected;
        if (entry == null) {
            expected = "a properties file";
        } else if (entry.type() == String.class) {
            expected = OptionText.description(entry);
        } else {
            expected = OptionText.expected(entry) + ". " + OptionText.description(entry);
        }
        return new ConfigException("Option '--" + key + "' needs a value: " + expected);
    }

    /**
     * Refuses a secret given as a flag, naming where it goes instead: its environment variable, or
     * a {@code --config} file where the command reads one.
     */
    public static void refuseSecret(String key, boolean configFile) {
        String variable = KnownOptions.SECRETS.get(key);
        if (variable != null) {
            throw new ConfigException(
                    "--"
                            + key
                            + " is not accepted on the command line (it would show in process"
                            + " lists): set the "
                            + variable
                            + " environment variable"
                            + (configFile
                                    ? ", or write "
                                            + key
                                            + "=... in a --config file only the job's user can"
                                            + " read"
                                    : ""));
        }
    }
}

package io.historylake.job.config;

/** {@code history-lake run --help}: generated from the option classes, grouped by class. */
public final class RunUsage {

    private RunUsage() {}

    public static String text() {
        Usage usage =
                new Usage()
                        .paragraph(
                                "usage: history-lake run --mysql.user USER --mysql.databases REGEX"
                                        + " [--key value ...] [--config FILE]\n"
                                        + "(the same as java -jar history-lake.jar ..., or flink"
                                        + " run history-lake.jar ... on a cluster)")
                        .paragraph(
                                "Captures MySQL/MariaDB databases into a Parquet lake: a lock-free"
                                        + " snapshot of the existing rows, then every change from"
                                        + " the binlog. Checks the options, the database and the"
                                        + " storage first, and names the cause and the fix of any"
                                        + " problem.")
                        .paragraph(
                                "Each option is a flag --key value (or --key=value), a line"
                                        + " key=value of a properties file given with --config"
                                        + " FILE, or on Amazon Managed Flink a property of the"
                                        + " group "
                                        + ConfigLoader.PROPERTY_GROUP
                                        + "; flags override the file, which overrides the group.")
                        .paragraph(secrets());
        for (KnownOptions.Group group : KnownOptions.groups()) {
            usage.flags(group.title(), group.entries().stream().map(Usage.Flag::of).toList());
        }
        return usage.toString();
    }

    private static String secrets() {
        StringBuilder text =
                new StringBuilder(
                        "Secrets are never flags (they would show in process lists): set");
        String separator = " ";
        for (KnownOptions.Group group : KnownOptions.groups()) {
            for (KnownOptions.Entry entry : group.entries()) {
                if (entry.secret()) {
                    text.append(separator)
                            .append(KnownOptions.SECRETS.get(entry.key()))
                            .append(" (")
                            .append(entry.key())
                            .append(')');
                    separator = ", ";
                }
            }
        }
        return text.append(" in the environment, or write them in the --config file.").toString();
    }
}

package io.historylake.job.config;

import java.util.List;

/** A command's usage text: paragraphs and options with their defaults, wrapped for a terminal. */
public final class Usage {

    /** Lines wrap before this column. */
    public static final int WIDTH = 100;

    private static final String OPTION_INDENT = "  ";
    private static final String DESCRIPTION_INDENT = "      ";

    private final StringBuilder text = new StringBuilder();

    /**
     * A flag of a command: {@code --name value}, a note such as its default (null: none), what it
     * does.
     */
    public record Flag(String name, String value, String note, String description) {

        /** A job option as a flag; a secret is named by its key, never a flag. */
        public static Flag of(KnownOptions.Entry entry) {
            String note =
                    entry.required() ? "required" : "default: " + OptionText.defaultValue(entry);
            if (entry.secret()) {
                String variable = KnownOptions.SECRETS.get(entry.key());
                return new Flag(
                        entry.key(),
                        "(env " + variable + ", never a flag)",
                        note,
                        OptionText.description(entry));
            }
            return new Flag(
                    "--" + entry.key(),
                    OptionText.placeholder(entry),
                    note,
                    OptionText.description(entry));
        }
    }

    /** Whether the arguments ask for the usage ({@code --help}, {@code -h}) instead of a run. */
    public static boolean asked(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /** A paragraph, wrapped, followed by an empty line. */
    public Usage paragraph(String paragraph) {
        text.append(wrap(paragraph, "", "")).append('\n');
        return this;
    }

    /**
     * A section of flags: each with its value and note on one line, the description below, wrapped
     * and indented.
     */
    public Usage flags(String title, List<Flag> flags) {
        text.append(title).append(":\n");
        for (Flag flag : flags) {
            String head = OPTION_INDENT + flag.name() + " " + flag.value();
            text.append(flag.note() == null ? head : head + "  (" + flag.note() + ")");
            text.append('\n')
                    .append(wrap(flag.description(), DESCRIPTION_INDENT, DESCRIPTION_INDENT));
        }
        text.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /**
     * Wraps each line of {@code paragraph} at {@link #WIDTH}, between words; a word longer than a
     * line stays whole.
     */
    static String wrap(String paragraph, String firstIndent, String indent) {
        StringBuilder out = new StringBuilder();
        String prefix = firstIndent;
        for (String line : paragraph.split("\n")) {
            StringBuilder current = new StringBuilder(prefix);
            int empty = current.length();
            for (String word : line.trim().split("\\s+")) {
                if (current.length() > empty && current.length() + 1 + word.length() > WIDTH) {
                    out.append(current).append('\n');
                    current = new StringBuilder(indent);
                    empty = current.length();
                }
                current.append(current.length() > empty ? " " : "").append(word);
            }
            out.append(current).append('\n');
            prefix = indent;
        }
        return out.toString();
    }
}

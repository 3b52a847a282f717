package io.historylake.job.config;

import java.util.EnumSet;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

/**
 * An option's {@link Description} as plain text for the terminal: Flink formats descriptions as
 * HTML only, and a Description printed as such shows {@code Description@7486b455}.
 */
public final class PlainTextFormatter extends Formatter {

    /** The description as one plain-text paragraph (line breaks kept). */
    public static String text(Description description) {
        return new PlainTextFormatter().format(description).strip();
    }

    @Override
    protected void formatLink(StringBuilder state, String link, String description) {
        state.append(description.isEmpty() ? link : description + " (" + link + ")");
    }

    @Override
    protected void formatLineBreak(StringBuilder state) {
        state.append('\n');
    }

    @Override
    protected void formatText(
            StringBuilder state,
            String format,
            String[] elements,
            EnumSet<TextElement.TextStyle> styles) {
        // Flink has escaped a literal '%' as "%%" and turns it back at the end.
        state.append(elements.length == 0 ? format : String.format(format, (Object[]) elements));
    }

    @Override
    protected void formatList(StringBuilder state, String[] entries) {
        for (String entry : entries) {
            state.append("\n- ").append(entry);
        }
        state.append('\n');
    }

    @Override
    protected Formatter newInstance() {
        return new PlainTextFormatter();
    }
}

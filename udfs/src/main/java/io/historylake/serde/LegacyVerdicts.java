package io.historylake.serde;

import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the verdict text that state of format 1 holds: one finding per line as {@link
 * SchemaVerdict#describe()} writes it ({@code SEVERITY RULE on column 'c' (detail) by: ddl}); a
 * line that does not start a finding continues the DDL of the one before (statements span lines).
 */
final class LegacyVerdicts {

    private static final Pattern FINDING =
            Pattern.compile(
                    "(?:COMPATIBLE|WARNED|VIOLATION) ([A-Z_]+) on column '(.*?)' \\((.*)\\) by:"
                            + " (.*)");

    private LegacyVerdicts() {}

    static SchemaVerdict parse(String text) throws IOException {
        List<SchemaFinding> findings = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = FINDING.matcher(line);
            SchemaRule rule = m.matches() ? rule(m.group(1)) : null;
            if (rule != null) {
                String ddl = "null".equals(m.group(4)) ? null : m.group(4);
                findings.add(new SchemaFinding(rule, m.group(2), m.group(3), ddl));
            } else if (!findings.isEmpty()) {
                SchemaFinding last = findings.remove(findings.size() - 1);
                String ddl = last.ddl() == null ? line : last.ddl() + "\n" + line;
                findings.add(new SchemaFinding(last.rule(), last.column(), last.detail(), ddl));
            } else {
                throw new IOException(
                        "Cannot read the schema verdict of a state entry of format 1: '"
                                + line
                                + "' is not a finding");
            }
        }
        return new SchemaVerdict(findings);
    }

    private static SchemaRule rule(String name) {
        for (SchemaRule rule : SchemaRule.values()) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return null;
    }
}

package io.historylake.model;

import java.util.List;
import java.util.stream.Collectors;

/** The verdict on a schema change: its findings and the worst severity among them. */
public record SchemaVerdict(List<SchemaFinding> findings) {

    /** No findings: nothing changed that a rule looks at. */
    public static final SchemaVerdict NONE = new SchemaVerdict(List.of());

    public SchemaVerdict {
        findings = List.copyOf(findings);
    }

    /** The worst severity; COMPATIBLE when nothing changed. */
    public SchemaRule.Severity severity() {
        SchemaRule.Severity worst = SchemaRule.Severity.COMPATIBLE;
        for (SchemaFinding finding : findings) {
            if (finding.rule().severity().compareTo(worst) > 0) {
                worst = finding.rule().severity();
            }
        }
        return worst;
    }

    public boolean isEmpty() {
        return findings.isEmpty();
    }

    /** Whether any finding is a violation. */
    public boolean violated() {
        return severity() == SchemaRule.Severity.VIOLATION;
    }

    /** The findings that are violations. */
    public List<SchemaFinding> violations() {
        return findings.stream()
                .filter(f -> f.rule().severity() == SchemaRule.Severity.VIOLATION)
                .toList();
    }

    /** One line per finding, its severity first, as the lake's schema files and the log show it. */
    public String describe() {
        return findings.stream()
                .map(f -> f.rule().severity() + " " + f)
                .collect(Collectors.joining("\n"));
    }
}

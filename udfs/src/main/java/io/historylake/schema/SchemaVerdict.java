package io.historylake.schema;

import java.util.List;

/** The verdict on a schema change: its findings and the worst severity among them. */
public record SchemaVerdict(List<SchemaFinding> findings) {

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

    /** The findings that are violations. */
    public List<SchemaFinding> violations() {
        return findings.stream()
                .filter(f -> f.rule().severity() == SchemaRule.Severity.VIOLATION)
                .toList();
    }
}

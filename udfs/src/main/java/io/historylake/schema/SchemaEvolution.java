package io.historylake.schema;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.SchemaVersion;
import io.historylake.model.TableSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table's next schema version as a pure function of its earlier versions, the schema the source
 * now reports, the DDL and the table's policy: judged by {@link SchemaGuard}, then landed as is,
 * quarantined, with violated columns as strings, or refused ({@link SchemaViolationException}).
 */
public final class SchemaEvolution {

    private SchemaEvolution() {}

    /**
     * @param history the table's versions so far, oldest first (empty for a new table)
     * @param source the schema the source reports for the row at hand
     * @param ddl the last DDL seen for the table, or null
     * @param policy what a violation does
     * @param eventTimeMicros commit time of the first row under the new version
     * @throws SchemaViolationException on a violation under {@link SchemaPolicy#FAIL}
     */
    public static SchemaVersion next(
            List<SchemaVersion> history,
            TableSchema source,
            String ddl,
            SchemaPolicy policy,
            long eventTimeMicros) {
        if (history.isEmpty()) {
            return new SchemaVersion(source, 1, null, ddl, eventTimeMicros);
        }
        SchemaVersion current = history.get(history.size() - 1);
        int version = current.version() + 1;
        List<TableSchema> sources = history.stream().map(SchemaVersion::source).toList();
        SchemaVerdict verdict = SchemaGuard.judge(sources, source, ddl);
        Set<String> strings = retyped(current);
        boolean quarantined = current.quarantined();
        if (verdict.violated()) {
            switch (policy) {
                case FAIL -> throw new SchemaViolationException(source.table(), version, verdict);
                case QUARANTINE -> quarantined = true;
                case STRING ->
                        verdict.violations().forEach(finding -> strings.add(finding.column()));
            }
        }
        return new SchemaVersion(
                StringFallback.schema(source, strings),
                version,
                current.schema(),
                ddl,
                eventTimeMicros,
                source,
                verdict,
                quarantined);
    }

    /** Columns that an earlier violation made land as strings: they stay strings. */
    private static Set<String> retyped(SchemaVersion current) {
        Set<String> names = new HashSet<>();
        List<Column> landed = current.schema().columns();
        for (int i = 0; i < landed.size(); i++) {
            if (landed.get(i).lakeType().equals(LakeType.STRING)
                    && !current.source().columns().get(i).lakeType().equals(LakeType.STRING)) {
                names.add(landed.get(i).name());
            }
        }
        return names;
    }
}

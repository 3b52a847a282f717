package io.historylake.enrich;

import io.historylake.model.SchemaVersion;
import io.historylake.model.TableId;
import io.historylake.schema.SchemaPolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the enrichment step says about schemas: the log line of each new version (an error for a
 * violation, loud enough to be seen) and the metrics {@code schemaChanges}, {@code
 * schemaViolations}, {@code quarantinedEvents} and {@code table.<db.table>.schemaVersion}.
 */
final class SchemaReport {

    private static final Logger LOG = LoggerFactory.getLogger(LakeEnricher.class);

    private final MetricGroup metrics;
    private final Counter schemaChanges;
    private final Counter schemaViolations;
    private final Counter quarantinedEvents;
    private final Map<TableId, Integer> versions = new HashMap<>();

    SchemaReport(MetricGroup metrics) {
        this.metrics = metrics;
        this.schemaChanges = metrics.counter("schemaChanges");
        this.schemaViolations = metrics.counter("schemaViolations");
        this.quarantinedEvents = metrics.counter("quarantinedEvents");
    }

    void schemaChange() {
        schemaChanges.inc();
    }

    void quarantinedEvent() {
        quarantinedEvents.inc();
    }

    /** A violation under the fail policy: the job stops with it. */
    void refused(String message) {
        schemaViolations.inc();
        LOG.error("{}", message);
    }

    /** The lake held the table's versions from an earlier snapshot: numbering goes on. */
    void seeded(TableId table, int versions) {
        LOG.info(
                "Table {}: the lake holds {} schema version(s) from an earlier snapshot;"
                        + " versions go on from them",
                table,
                versions);
    }

    void released(TableId table, int version) {
        LOG.warn(
                "Table {}: schema version {} released from quarantine; rows go to the lake again",
                table,
                version);
    }

    /** A table's new version. */
    void newVersion(TableId table, SchemaVersion next, SchemaPolicy policy) {
        if (!versions.containsKey(table)) {
            metrics.addGroup("table", table.qualified())
                    .gauge("schemaVersion", () -> versions.get(table));
        }
        versions.put(table, next.version());
        if (next.verdict().isEmpty()) {
            if (next.version() > 1) {
                LOG.info("Table {} now at schema version {}", table, next.version());
            }
            return;
        }
        String message =
                "SCHEMA GUARD: table "
                        + table
                        + " version "
                        + next.version()
                        + " (policy "
                        + policy
                        + (next.quarantined()
                                ? ", its rows now go to the quarantine until released"
                                : "")
                        + "):\n"
                        + next.verdict().describe();
        if (next.verdict().violated() || next.quarantined() || next.source() != next.schema()) {
            schemaViolations.inc();
            LOG.error(message);
        } else {
            LOG.info(message); // compatible (added, widened): nothing to act on
        }
    }
}

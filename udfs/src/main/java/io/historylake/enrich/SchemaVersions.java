package io.historylake.enrich;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaVersion;
import io.historylake.schema.LakeSchemaHistory;
import io.historylake.schema.SchemaEvolution;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import io.historylake.schema.SchemaViolationException;
import io.historylake.serde.CdcTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * A table's schema versions (the key of the enrichment step is the table): numbers its distinct
 * schemas 1, 2, 3..., judges each new one against all earlier ones under the table's policy ({@link
 * SchemaEvolution}), and lifts a quarantine when its version was released.
 *
 * <p>Keyed state: {@code current-version}, {@code version-history} (all versions, oldest first) and
 * {@code last-ddl}, kept as long as the table is captured, with a write-through copy of the current
 * version per key (with RocksDB a read is a lookup and a schema deserialized); only its owner
 * writes the state, and a restore makes a new owner.
 */
final class SchemaVersions {

    private final ValueState<CdcEvent> current;
    private final ListState<CdcEvent> history;
    private final ValueState<String> lastDdl;
    private final Map<String, SchemaVersion> copies = new HashMap<>();
    private final SchemaPolicies policies;
    private final ReleaseWatch releases;
    private final SchemaReport report;
    private final LakeSchemaHistory lake;

    SchemaVersions(
            RuntimeContext context,
            SchemaPolicies policies,
            ReleaseWatch releases,
            SchemaReport report,
            LakeSchemaHistory lake) {
        this.lake = lake;
        this.current =
                context.getState(new ValueStateDescriptor<>("current-version", CdcTypeInfo.EVENTS));
        this.history =
                context.getListState(
                        new ListStateDescriptor<>("version-history", CdcTypeInfo.EVENTS));
        this.lastDdl = context.getState(new ValueStateDescriptor<>("last-ddl", Types.STRING));
        this.policies = policies;
        this.releases = releases;
        this.report = report;
    }

    /** The current key's (table's) version in force, or null before its first row. */
    SchemaVersion current(String key) throws Exception {
        SchemaVersion version = copies.get(key);
        if (version == null) {
            version = (SchemaVersion) current.value();
            if (version != null) {
                copies.put(key, version);
            }
        }
        return version;
    }

    /** Remembers the table's last DDL: the next version records it. */
    void ddl(String statement) throws Exception {
        lastDdl.update(statement);
    }

    /**
     * The version in force for a row of the current key (table), when the row has its schema (a
     * released quarantine lifted on the way); null when the row needs the {@link #next} one.
     */
    SchemaVersion inForce(RowChange row, String key) throws Exception {
        SchemaVersion version = current(key);
        if (version == null || !version.source().equals(row.schema())) {
            return null;
        }
        if (version.quarantined()) {
            releases.watch();
            if (releases.isReleased(row.table(), version.version())) {
                report.released(row.table(), version.version());
                version = version.released();
                setCurrent(key, version);
            }
        }
        return version;
    }

    /**
     * The table's next version, for a row whose schema is not the one in force, judged against all
     * earlier ones.
     *
     * @throws SuppressRestartsException on a violation under the fail policy
     */
    SchemaVersion next(RowChange row, long eventTime, String key) throws Exception {
        SchemaPolicy policy = policies.forTable(row.table());
        List<SchemaVersion> earlier = history(current(key));
        if (earlier.isEmpty()) {
            earlier = seed(row, key);
            SchemaVersion last = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
            if (last != null && last.source().equals(row.schema())) {
                return inForce(row, key); // the lake's latest version: its files are written
            }
        }
        SchemaVersion next;
        try {
            next = SchemaEvolution.next(earlier, row.schema(), lastDdl.value(), policy, eventTime);
        } catch (SchemaViolationException e) {
            report.refused(e.getMessage());
            throw new SuppressRestartsException(e);
        }
        setCurrent(key, next);
        history.add(next);
        report.newVersion(row.table(), next, policy);
        return next;
    }

    /**
     * A table this state has never seen: the versions the lake holds for it become its history (a
     * new snapshot into a lake with its history numbers on from them).
     */
    private List<SchemaVersion> seed(RowChange row, String key) throws Exception {
        List<SchemaVersion> held = lake.versions(row.table());
        if (!held.isEmpty()) {
            for (SchemaVersion version : held) {
                history.add(version);
            }
            setCurrent(key, held.get(held.size() - 1));
            report.seeded(row.table(), held.size());
        }
        return held;
    }

    /** All versions, oldest first, the last one as it is now (released or not). */
    private List<SchemaVersion> history(SchemaVersion now) throws Exception {
        List<SchemaVersion> versions = new ArrayList<>();
        for (CdcEvent earlier : history.get()) {
            versions.add((SchemaVersion) earlier);
        }
        if (versions.isEmpty() && now != null) {
            versions.add(now); // state from before the history was kept
        } else if (!versions.isEmpty() && now != null) {
            versions.set(versions.size() - 1, now);
        }
        return versions;
    }

    private void setCurrent(String key, SchemaVersion version) throws Exception {
        current.update(version);
        copies.put(key, version);
    }
}

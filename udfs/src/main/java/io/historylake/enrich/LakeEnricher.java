package io.historylake.enrich;

import io.historylake.model.CdcEvent;
import io.historylake.model.Landing;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.model.TableSchema;
import io.historylake.schema.LakeSchemaHistory;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import io.historylake.schema.StringFallback;
import io.historylake.serde.CdcTypeInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by table: gives each row the table's schema version ({@link SchemaVersions}: numbered,
 * judged, quarantined, released), stamps snapshot reads with the snapshot time, pairs the halves of
 * a primary-key update ({@link KeyUpdatePairing}) and gives every change its deterministic event id
 * ({@link EventIds}). Schema versions and DDL statements go to {@link #SCHEMA_VERSIONS}.
 *
 * <p>State per table: that of its parts, the snapshot time ({@code snapshot-time-micros}) and
 * whether the job has seen every row the table holds ({@link WholeTables}, passed on with each row
 * for the row-history step); so a replay after failure yields the same versions, times and ids.
 */
public class LakeEnricher extends KeyedProcessFunction<String, CdcEvent, RowChange> {

    private static final Logger LOG = LoggerFactory.getLogger(LakeEnricher.class);
    private static final Duration RELEASE_CHECK_EVERY = Duration.ofSeconds(5);

    /** The timer of a held delete half: fires at the first watermark, the end of a bounded run. */
    private static final long FLUSH_HELD = Long.MIN_VALUE + 1;

    /** Side output: each table's schema versions as they are numbered, and its DDL statements. */
    public static final OutputTag<CdcEvent> SCHEMA_VERSIONS =
            new OutputTag<>("schema-versions", CdcTypeInfo.EVENTS);

    private final SchemaPolicies policies;
    private final QuarantineReleases releases;
    private final LakeSchemaHistory lakeHistory;

    private transient ValueState<Long> snapshotTimeMicros;
    private transient WholeTables wholeTables;
    private transient KeyUpdatePairing pairing;
    private transient SchemaVersions versions;
    private transient SchemaReport report;
    private transient ReleaseWatch releaseWatch;
    private transient Map<String, Landing> landings;

    /** Every table under the quarantine policy, never released (for tests). */
    public LakeEnricher() {
        this(SchemaPolicies.all(SchemaPolicy.QUARANTINE), QuarantineReleases.NONE);
    }

    /**
     * @param policies what a schema violation does, per table
     * @param releases tells when a quarantined table's change was accepted
     */
    public LakeEnricher(SchemaPolicies policies, QuarantineReleases releases) {
        this(policies, releases, LakeSchemaHistory.NONE);
    }

    /**
     * @param lakeHistory the schema versions the lake holds for a table this state has not seen
     */
    public LakeEnricher(
            SchemaPolicies policies, QuarantineReleases releases, LakeSchemaHistory lakeHistory) {
        this.policies = policies;
        this.releases = releases;
        this.lakeHistory = lakeHistory;
    }

    @Override
    public void open(OpenContext openContext) {
        snapshotTimeMicros =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("snapshot-time-micros", Types.LONG));
        wholeTables = new WholeTables(getRuntimeContext(), snapshotTimeMicros);
        pairing = new KeyUpdatePairing(getRuntimeContext());
        report = new SchemaReport(getRuntimeContext().getMetricGroup());
        releaseWatch = new ReleaseWatch(releases, RELEASE_CHECK_EVERY);
        releaseWatch.start();
        versions =
                new SchemaVersions(
                        getRuntimeContext(), policies, releaseWatch, report, lakeHistory);
        landings = new HashMap<>();
    }

    @Override
    public void close() {
        if (releaseWatch != null) {
            releaseWatch.close();
        }
    }

    @Override
    public void processElement(CdcEvent event, Context ctx, Collector<RowChange> out)
            throws Exception {
        if (event instanceof SchemaChange ddl) {
            schemaChange(ddl, ctx);
        } else if (event instanceof RowChange row) {
            RowChange held = pairing.take(ctx.getCurrentKey());
            if (held != null) {
                ctx.timerService().deleteEventTimeTimer(FLUSH_HELD);
                boolean otherHalf = KeyUpdatePairing.isInsertHalfOf(row, held);
                emit(otherHalf ? held.withNewKeyImage(row.after()) : held, ctx, out);
            }
            if (KeyUpdatePairing.isDeleteHalf(row)) {
                // Wait for the insert half (the next event of this table) to learn the new row;
                // the timer flushes it at the end of a bounded run.
                pairing.hold(ctx.getCurrentKey(), row);
                ctx.timerService().registerEventTimeTimer(FLUSH_HELD);
            } else {
                emit(row, ctx, out);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RowChange> out)
            throws Exception {
        RowChange held = pairing.take(ctx.getCurrentKey());
        if (held != null) {
            emit(held, ctx, out);
        }
    }

    /** Releases of the quarantine, read by the watch's own thread (for tests: read them now). */
    ReleaseWatch releaseWatch() {
        return releaseWatch;
    }

    private void schemaChange(SchemaChange ddl, Context ctx) throws Exception {
        report.schemaChange();
        versions.ddl(ddl.ddl());
        LOG.info("Schema change of {} at {}: {}", ddl.table(), ddl.position(), ddl.ddl());
        if (SeenWhole.startsEmpty(ddl.ddl())) {
            wholeTables.set(ctx.getCurrentKey(), true);
        }
        if (versions.current(ctx.getCurrentKey()) != null) {
            ctx.output(SCHEMA_VERSIONS, ddl); // the table's DDL log, TRUNCATE included
        }
    }

    private void emit(RowChange row, Context ctx, Collector<RowChange> out) throws Exception {
        long eventTime = row.eventTimeMicros();
        long snapshotId = 0L;
        if (row.op() == Op.READ) {
            Long snapshotTime = snapshotTimeMicros.value();
            if (snapshotTime == null) {
                snapshotTime = ctx.timerService().currentProcessingTime() * 1000L;
                snapshotTimeMicros.update(snapshotTime);
                wholeTables.set(ctx.getCurrentKey(), true);
            }
            eventTime = snapshotEventTime(snapshotTime);
            snapshotId = snapshotTime;
        }
        SchemaVersion version = versions.inForce(row, ctx.getCurrentKey());
        if (version == null) {
            version = versions.next(row, eventTime, ctx.getCurrentKey());
            ctx.output(SCHEMA_VERSIONS, version);
        }
        if (version.quarantined()) {
            report.quarantinedEvent();
        }
        // version.source() equals the row's schema; it is the very object version.schema() is
        // unless columns land as strings, so the images are copied only then.
        TableSchema landed = version.schema();
        out.collect(
                row.enriched(
                        landed,
                        StringFallback.image(version.source(), landed, row.before()),
                        StringFallback.image(version.source(), landed, row.after()),
                        eventTime,
                        landing(version, ctx.getCurrentKey()),
                        EventIds.of(row, snapshotId)));
    }

    /** The table's landing: one value per table while its version and facts stay the same. */
    private Landing landing(SchemaVersion version, String key) throws Exception {
        Landing now = landings.get(key);
        boolean whole = wholeTables.get(key);
        if (now == null
                || now.schemaVersion() != version.version()
                || now.tableSeenWhole() != whole
                || (now.destination() == Landing.Destination.QUARANTINE) != version.quarantined()) {
            now = Landing.of(version.version(), version.quarantined(), whole);
            landings.put(key, now);
        }
        return now;
    }

    /**
     * The {@code _event_time} of a snapshot's reads: the whole second before the snapshot's first
     * row was seen. Binlog times have whole seconds only, and a change captured after the snapshot
     * may have committed in the same second as (or, by the few milliseconds between a chunk's high
     * watermark and its first row, the second before) the first row; at this time or later, ordered
     * by {@code _event_time} and then binlog position, every such change sorts after the snapshot
     * it follows.
     */
    static long snapshotEventTime(long firstRowMicros) {
        long second = 1_000_000L;
        return Math.floorDiv(firstRowMicros, second) * second - second;
    }
}

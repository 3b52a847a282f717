package io.historylake.job.upgrade;

import io.historylake.job.EnrichmentSettings;
import io.historylake.job.HistoryLakeJob;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.sink.LakeSink;
import io.historylake.job.testing.ResumableEvents;
import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The upgrade case: the pipeline's state after a workload that leaves something in every kind of
 * state (row versions, a snapshotted table, two schema versions, a quarantined table), written by
 * one release as a savepoint, and the changes that follow it, read by the next. The lake lives at a
 * fixed path because a savepoint names its lake's buckets.
 */
final class UpgradeCase {

    /** The savepoint written by the landed main at 837de9e (RocksDB, native format). */
    static final String RESOURCE = "/upgrade/main-837de9e";

    static final Path LAKE = Path.of("/tmp/history-lake-upgrade-case/lake");

    static final TableId ORDERS = new TableId("shop", "orders");
    static final TableId LEDGER = new TableId("shop", "ledger");
    private static final long TIME = 1_700_000_000_000_000L;

    private UpgradeCase() {}

    /** What the first release reads before its savepoint. */
    static List<CdcEvent> before() {
        return List.of(
                row(orders(), Op.READ, null, order(1, "a"), 0),
                row(orders(), Op.READ, null, order(2, "b"), 0),
                row(orders(), Op.CREATE, null, order(3, "c"), 100),
                row(orders(), Op.UPDATE, order(1, "a"), order(1, "a2"), 200),
                new SchemaChange(
                        ORDERS,
                        "ALTER TABLE orders ADD COLUMN extra BIGINT",
                        TIME,
                        at(300),
                        wideOrders()),
                row(wideOrders(), Op.CREATE, null, wide(4, "d", 40L), 400),
                row(wideOrders(), Op.UPDATE, wide(1, "a2", null), wide(1, "a3", 7L), 500),
                row(ledger(2), Op.CREATE, null, entry(1, "1.50"), 600),
                new SchemaChange(
                        LEDGER,
                        "ALTER TABLE ledger MODIFY amount DECIMAL(10,3)",
                        TIME,
                        at(700),
                        ledger(3)),
                row(ledger(3), Op.CREATE, null, entry(2, "2.500"), 800));
    }

    /** The whole list the next release runs with: it goes on after {@link #before()}. */
    static List<CdcEvent> all() {
        List<CdcEvent> events = new ArrayList<>(before());
        events.addAll(
                List.of(
                        row(wideOrders(), Op.READ, null, wide(9, "z", null), 0),
                        row(wideOrders(), Op.UPDATE, wide(1, "a3", 7L), wide(1, "a4", 8L), 900),
                        row(wideOrders(), Op.CREATE, null, wide(5, "e", 50L), 1000),
                        row(ledger(3), Op.CREATE, null, entry(3, "3.000"), 1100),
                        row(wideOrders(), Op.UPDATE, wide(3, "c", null), wide(3, "c2", 3L), 1200),
                        row(wideOrders(), Op.DELETE, wide(2, "b", null), null, 1300)));
        return events;
    }

    /** Starts the pipeline on {@code events}, from {@code savepoint} if not null. */
    static JobClient start(List<CdcEvent> events, String savepoint) throws Exception {
        Configuration flink = new Configuration();
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        flink.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        Configuration options = new Configuration();
        options.set(HistoryLakeOptions.ATHENA_DATABASE, "history");
        new HistoryLakeJob(
                        new ResumableEvents(events),
                        LakeSink.builder()
                                .lake(new org.apache.flink.core.fs.Path(LAKE.toUri()))
                                .options(options)
                                .build(),
                        EnrichmentSettings.defaults())
                .build(env);
        return env.executeAsync("upgrade case");
    }

    private static RowChange row(
            TableSchema schema, Op op, Object[] before, Object[] after, long pos) {
        return RowChange.of(
                        schema, op, before, after, pos == 0 ? 0L : TIME, pos == 0 ? null : at(pos))
                .withSource(null, null, pos == 0 ? null : "tx-" + pos, 0, false);
    }

    private static BinlogPosition at(long pos) {
        return new BinlogPosition("binlog.000001", pos, 0);
    }

    private static Object[] order(int id, String note) {
        return new Object[] {id, note};
    }

    private static Object[] wide(int id, String note, Long extra) {
        return new Object[] {id, note, extra};
    }

    private static Object[] entry(int id, String amount) {
        return new Object[] {id, new BigDecimal(amount)};
    }

    private static Column column(String name, String type, LakeType lakeType) {
        return new Column(name, type, 20, lakeType.scale(), true, List.of(), lakeType);
    }

    private static TableSchema orders() {
        return new TableSchema(
                ORDERS,
                List.of(
                        column("id", "INT", LakeType.INT),
                        column("note", "VARCHAR", LakeType.STRING)),
                List.of("id"));
    }

    private static TableSchema wideOrders() {
        return new TableSchema(
                ORDERS,
                List.of(
                        column("id", "INT", LakeType.INT),
                        column("note", "VARCHAR", LakeType.STRING),
                        column("extra", "BIGINT", LakeType.LONG)),
                List.of("id"));
    }

    private static TableSchema ledger(int scale) {
        return new TableSchema(
                LEDGER,
                List.of(
                        column("id", "INT", LakeType.INT),
                        new Column(
                                "amount",
                                "DECIMAL",
                                10,
                                scale,
                                true,
                                List.of(),
                                LakeType.decimal(10, scale))),
                List.of("id"));
    }
}

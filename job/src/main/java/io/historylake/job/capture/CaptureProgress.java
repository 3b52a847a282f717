package io.historylake.job.capture;

import io.historylake.model.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a reader's snapshot is, as metrics ({@code snapshotTablesTotal}, {@code
 * snapshotTablesDone}, {@code snapshotRowsRead}, {@code snapshotRowsEstimate}, and per table {@code
 * table.<db.table>.snapshotRowsRead} / {@code snapshotRowsEstimate}) and as a log line every 10
 * seconds while it runs, then one when it is read. The estimate is the server's {@code TABLE_ROWS}.
 * Counts start when the reader starts; with several readers each counts the tables it read, the
 * totals are the job's.
 */
final class CaptureProgress {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureProgress.class);
    static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final List<TableId> tables;
    private final MetricGroup metrics;
    private final Map<TableId, AtomicLong> read = new ConcurrentHashMap<>();
    private final AtomicLong rowsRead = new AtomicLong();
    private volatile Map<TableId, Long> estimates = Map.of();
    private volatile int tablesDone;
    private volatile long startedNanos = -1;
    private volatile boolean summarized;

    CaptureProgress(List<TableId> snapshotTables, MetricGroup metrics) {
        this.tables = snapshotTables;
        this.metrics = metrics;
        metrics.gauge("snapshotTablesTotal", (Gauge<Integer>) tables::size);
        metrics.gauge("snapshotTablesDone", (Gauge<Integer>) () -> tablesDone);
        metrics.gauge("snapshotRowsRead", (Gauge<Long>) rowsRead::get);
        metrics.gauge("snapshotRowsEstimate", (Gauge<Long>) this::estimate);
    }

    /** The server's row estimates (the reader's thread, before its first chunk). */
    void estimated(Map<TableId, Long> rows) {
        estimates = Map.copyOf(rows);
    }

    /** A chunk emitted (the mailbox thread). */
    void chunk(TableId table, int rows, boolean tableDone, long nowNanos) {
        if (startedNanos < 0) {
            startedNanos = nowNanos;
        }
        read.computeIfAbsent(table, this::register).addAndGet(rows);
        rowsRead.addAndGet(rows);
        if (tableDone) {
            tablesDone++;
        }
        if (tablesDone == tables.size() && !summarized) {
            summarized = true;
            long seconds = Math.max(1, (nowNanos - startedNanos) / 1_000_000_000L);
            LOG.info(
                    "Snapshot read: {} tables, {} rows in {} ({} rows/s)",
                    tables.size(),
                    String.format("%,d", rowsRead.get()),
                    Duration.ofSeconds(seconds).toString().substring(2).toLowerCase(),
                    String.format("%,d", rowsRead.get() / seconds));
        }
    }

    /**
     * The progress line, every {@link #LOG_EVERY} from the reader's scheduler while the snapshot
     * runs: also when it is stuck (a table locked), which a line per chunk would not say.
     */
    void logIfRunning() {
        if (startedNanos >= 0 && !summarized) {
            LOG.info("{}", line(System.nanoTime()));
        }
    }

    /** A table whose snapshot was read before a restore. */
    void restoredDone() {
        tablesDone++;
    }

    /** The binlog split arrived: every table's snapshot was read, by this run or before it. */
    void complete() {
        tablesDone = tables.size();
        summarized = true;
    }

    /** "Snapshot: 12/40 tables, 1,200,000 of ~3,400,000 rows (35 %), 41,000 rows/s, ETA 54 s". */
    String line(long nowNanos) {
        long done = rowsRead.get();
        long total = Math.max(estimate(), done);
        double seconds = Math.max(1e-3, (nowNanos - startedNanos) / 1e9);
        long rate = (long) (done / seconds);
        StringBuilder line =
                new StringBuilder("Snapshot: ")
                        .append(tablesDone)
                        .append('/')
                        .append(tables.size())
                        .append(" tables, ")
                        .append(String.format("%,d", done))
                        .append(" of ~")
                        .append(String.format("%,d", total))
                        .append(" rows (")
                        .append(total == 0 ? 100 : done * 100 / total)
                        .append(" %), ")
                        .append(String.format("%,d", rate))
                        .append(" rows/s");
        if (rate > 0) {
            Duration eta = Duration.ofSeconds((total - done) / rate);
            line.append(", ETA ").append(eta.toString().substring(2).toLowerCase());
        }
        return line.toString();
    }

    long estimate() {
        long sum = 0;
        for (long rows : estimates.values()) {
            sum += rows;
        }
        return sum;
    }

    /**
     * The server's {@code TABLE_ROWS} of the tables (an estimate for InnoDB), asked of their
     * databases only: the server opens every table it lists to answer.
     */
    static Map<TableId, Long> serverEstimates(Connection connection, List<TableId> tables)
            throws SQLException {
        Map<TableId, Long> rows = new HashMap<>();
        List<String> databases = tables.stream().map(TableId::database).distinct().toList();
        if (databases.isEmpty()) {
            return rows;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(databases.size(), "?"));
        try (java.sql.PreparedStatement s =
                connection.prepareStatement(
                        "SELECT table_schema, table_name, COALESCE(table_rows, 0)"
                                + " FROM information_schema.tables WHERE table_schema IN ("
                                + marks
                                + ")")) {
            for (int i = 0; i < databases.size(); i++) {
                s.setString(i + 1, databases.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    TableId table = new TableId(rs.getString(1), rs.getString(2));
                    if (tables.contains(table)) {
                        rows.put(table, rs.getLong(3));
                    }
                }
            }
        }
        return rows;
    }

    private AtomicLong register(TableId table) {
        AtomicLong counter = new AtomicLong();
        MetricGroup group = metrics.addGroup("table", table.qualified());
        group.gauge("snapshotRowsRead", (Gauge<Long>) counter::get);
        group.gauge("snapshotRowsEstimate", (Gauge<Long>) () -> estimates.getOrDefault(table, 0L));
        return counter;
    }
}

package io.historylake.metrics;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * What reaches the lake, as metrics of the last step before its writers: {@code rowsLanded} per
 * table and op ({@code table.<db.table>.op.<insert|update|delete|snapshot>.rowsLanded}, also an
 * accumulator the end-of-run summary reads), {@code secondsBehindSource} (how long after its commit
 * the last binlog row reached the lake's writer, as Debezium's {@code MilliSecondsBehindSource}),
 * {@code lastCheckpointCompletedTime} (epoch milliseconds: the lake's files of the checkpoint are
 * committed then) and {@code secondsSinceLastCheckpoint}.
 */
public final class LandingMetrics {

    /** Accumulator names: this prefix, then {@code <db.table>/<op>}. */
    public static final String ACCUMULATOR_PREFIX = "rowsLanded/";

    private static final Op[] OPS = Op.values();

    private final RuntimeContext context;
    private final MetricGroup metrics;
    private final Map<TableId, Counter[]> landed = new HashMap<>();
    private volatile long lagMillis = -1;
    private volatile long lastCheckpoint = -1;

    public LandingMetrics(RuntimeContext context) {
        this.context = context;
        this.metrics = context.getMetricGroup();
        metrics.gauge("secondsBehindSource", (Gauge<Double>) this::secondsBehindSource);
        metrics.gauge("lastCheckpointCompletedTime", (Gauge<Long>) () -> lastCheckpoint);
        metrics.gauge("secondsSinceLastCheckpoint", (Gauge<Long>) this::secondsSinceCheckpoint);
    }

    /** A row handed to the lake's (or the quarantine's) writer now. */
    public void landed(RowChange row, long nowMillis) {
        Counter[] counters = landed.computeIfAbsent(row.table(), t -> new Counter[OPS.length]);
        Counter counter = counters[row.op().ordinal()];
        if (counter == null) {
            counter = register(row.table(), row.op());
            counters[row.op().ordinal()] = counter;
        }
        counter.inc();
        if (row.op() != Op.READ && row.eventTimeMicros() > 0) {
            lagMillis = Math.max(0, nowMillis - row.eventTimeMicros() / 1000);
        }
    }

    public void checkpointCompleted(long nowMillis) {
        lastCheckpoint = nowMillis;
    }

    /** -1 until the first binlog row. */
    double secondsBehindSource() {
        long lag = lagMillis;
        return lag < 0 ? -1 : lag / 1000.0;
    }

    long secondsSinceCheckpoint() {
        long at = lastCheckpoint;
        return at < 0 ? -1 : (System.currentTimeMillis() - at) / 1000;
    }

    /** A table's op counted from its first row: tables x ops that happen, not all of them. */
    private Counter register(TableId table, Op op) {
        String name = opName(op);
        LongCounter accumulator = new LongCounter();
        context.addAccumulator(ACCUMULATOR_PREFIX + table.qualified() + "/" + name, accumulator);
        return metrics.addGroup("table", table.qualified())
                .addGroup("op", name)
                .counter("rowsLanded", new Accumulated(accumulator));
    }

    /** The op as the metrics and the summary name it. */
    public static String opName(Op op) {
        return op == Op.READ
                ? "snapshot"
                : op == Op.CREATE ? "insert" : op.name().toLowerCase(Locale.ROOT);
    }

    /** A metric counter that is also the job's accumulator: one count for both. */
    private static final class Accumulated implements Counter {
        private final LongCounter accumulator;

        Accumulated(LongCounter accumulator) {
            this.accumulator = accumulator;
        }

        @Override
        public void inc() {
            accumulator.add(1L);
        }

        @Override
        public void inc(long n) {
            accumulator.add(n);
        }

        @Override
        public void dec() {
            accumulator.add(-1L);
        }

        @Override
        public void dec(long n) {
            accumulator.add(-n);
        }

        @Override
        public long getCount() {
            return accumulator.getLocalValue();
        }
    }
}

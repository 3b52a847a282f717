package io.historylake.job.faults;

import io.historylake.job.testing.LocalMariaDb;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a deterministic stream of multi-row statements (10-row inserts, updates and deletes)
 * across tables {@code (id INT PRIMARY KEY, n INT, note VARCHAR(40))} in the background, at a fixed
 * number of statements per second, until it has written the requested number of row changes or is
 * closed.
 */
public final class PacedWriter implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Future<Long> done;

    /**
     * @param tables qualified names; ids 1..existing exist in each
     */
    public PacedWriter(
            LocalMariaDb mysql, List<String> tables, int existing, long changes, int perSecond) {
        this(mysql, tables, existing, existing + 1, changes, perSecond);
    }

    /**
     * @param firstNewId the first id this writer inserts (above every id written before)
     */
    public PacedWriter(
            LocalMariaDb mysql,
            List<String> tables,
            int existing,
            int firstNewId,
            long changes,
            int perSecond) {
        done =
                executor.submit(
                        () -> write(mysql, tables, existing, firstNewId, changes, perSecond));
    }

    private static long write(
            LocalMariaDb mysql,
            List<String> tables,
            int existing,
            int firstNewId,
            long changes,
            int perSecond)
            throws Exception {
        long written = 0;
        int[] next = new int[tables.size()];
        java.util.Arrays.fill(next, firstNewId);
        long start = System.nanoTime();
        try (Connection c = mysql.root();
                Statement s = c.createStatement()) {
            for (long i = 0; written < changes && !Thread.currentThread().isInterrupted(); i++) {
                LockSupport.parkNanos(start + i * (1_000_000_000L / perSecond) - System.nanoTime());
                int t = (int) (i % tables.size());
                String table = tables.get(t);
                long step = i / tables.size();
                if (step % 5 == 4) {
                    int from = 1 + (int) ((step * 7) % (existing - 20));
                    written +=
                            s.executeUpdate(
                                    "DELETE FROM "
                                            + table
                                            + " WHERE id BETWEEN "
                                            + from
                                            + " AND "
                                            + (from + 9));
                } else if (step % 5 >= 2) {
                    int from = 1 + (int) ((step * 13) % (next[t] - 11));
                    written +=
                            s.executeUpdate(
                                    "UPDATE "
                                            + table
                                            + " SET n = n + 1, note = 'u"
                                            + i
                                            + "' WHERE id BETWEEN "
                                            + from
                                            + " AND "
                                            + (from + 9));
                } else {
                    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
                    for (int r = 0; r < 10; r++) {
                        sql.append(r == 0 ? "" : ",")
                                .append('(')
                                .append(next[t]++)
                                .append(", ")
                                .append(i)
                                .append(", 'i")
                                .append(i)
                                .append("')");
                    }
                    written += s.executeUpdate(sql.toString());
                }
            }
        }
        return written;
    }

    public boolean isDone() {
        return done.isDone();
    }

    public long awaitDone() throws Exception {
        return done.get(10, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            // the last statement ends before the caller reads the binlog position
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.historylake.job.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a seeded stream of single-row transactions (inserts, updates, deletes) to a table {@code
 * (id INT PRIMARY KEY, n INT, note VARCHAR(40))} in the background at 500 statements per second,
 * while a job runs.
 */
public final class SteadyWriter implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Future<Integer> done;

    /**
     * @param table qualified table name
     * @param existingIds ids 1..existingIds exist when writing starts
     * @param operations how many statements to run
     */
    public SteadyWriter(
            LocalMariaDb mysql, String table, int existingIds, int operations, long seed) {
        done = executor.submit(() -> write(mysql, table, existingIds, operations, seed));
    }

    private static int write(
            LocalMariaDb mysql, String table, int existingIds, int operations, long seed)
            throws Exception {
        Random random = new Random(seed);
        int nextId = existingIds + 1;
        try (Connection c = mysql.root();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)");
                PreparedStatement update =
                        c.prepareStatement(
                                "UPDATE " + table + " SET n = n + 1, note = ? WHERE id = ?");
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            long start = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                // At most 500 statements per second, so that a job stopped mid-stream is
                // stopped while writes go on, whatever the machine's speed.
                LockSupport.parkNanos(start + i * 2_000_000L - System.nanoTime());
                int dice = random.nextInt(10);
                if (dice < 5) {
                    insert.setInt(1, nextId++);
                    insert.setInt(2, i);
                    insert.setString(3, "insert " + i);
                    insert.executeUpdate();
                } else if (dice < 9) {
                    update.setString(1, "update " + i);
                    update.setInt(2, 1 + random.nextInt(nextId - 1));
                    update.executeUpdate();
                } else {
                    delete.setInt(1, 1 + random.nextInt(nextId - 1));
                    delete.executeUpdate();
                }
            }
        }
        return operations;
    }

    /** Waits until every statement ran. */
    public void awaitDone() throws Exception {
        done.get(10, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package io.historylake.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What history-lake is measured against, on the same data in the same run: the C client decoding
 * the binlog, a plain SELECT to /dev/null, and the connector's own {@code BinaryLogClient} counting
 * rows (deserializing every row, as the connector does).
 */
final class Baselines {

    /** A timed baseline: rows it saw, seconds it took. */
    record Timing(long rows, double seconds) {
        double rate() {
            return rows / seconds;
        }
    }

    private final Db db;

    Baselines(Db db) {
        this.db = db;
    }

    /** {@code mariadb-binlog --read-from-remote-server --base64-output=decode-rows -v}. */
    Timing cClientDecode(String from, String to, long rows) throws Exception {
        String[] start = from.split(":");
        String[] stop = to.split(":");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "mariadb-binlog",
                                "--no-defaults",
                                "--read-from-remote-server",
                                "--host=" + db.host(),
                                "--port=" + db.port(),
                                "--user=root",
                                "--base64-output=decode-rows",
                                "--verbose",
                                "--start-position=" + start[1]));
        if (start[0].equals(stop[0])) {
            command.add("--stop-position=" + stop[1]);
        } else {
            command.add("--to-last-log");
        }
        command.add(start[0]);
        return new Timing(rows, run(command));
    }

    /** {@code mariadb --quick -e 'SELECT * FROM table' > /dev/null}. */
    Timing plainSelect(String table, long rows) throws Exception {
        return new Timing(
                rows,
                run(
                        List.of(
                                "mariadb",
                                "--no-defaults",
                                "--host=" + db.host(),
                                "--port=" + db.port(),
                                "--user=root",
                                "--quick",
                                "-e",
                                "SELECT * FROM " + table)));
    }

    /** The connector's binlog client from {@code from} to {@code to}, counting rows per op. */
    Timing binaryLogClient(String from, String to, long[] countsOut) throws Exception {
        String[] start = from.split(":");
        String[] stop = to.split(":");
        BinaryLogClient client = new BinaryLogClient(db.host(), db.port(), "root", "");
        client.setServerId(65_000);
        client.setBinlogFilename(start[0]);
        client.setBinlogPosition(Long.parseLong(start[1]));
        client.setKeepAlive(false);
        CountDownLatch done = new CountDownLatch(1);
        long[] counts = new long[3];
        client.registerEventListener(
                (Event event) -> {
                    Object data = event.getData();
                    if (data instanceof WriteRowsEventData w) {
                        counts[0] += w.getRows().size();
                    } else if (data instanceof UpdateRowsEventData u) {
                        counts[1] += u.getRows().size();
                    } else if (data instanceof DeleteRowsEventData d) {
                        counts[2] += d.getRows().size();
                    }
                    if (event.getHeader() instanceof EventHeaderV4 header
                            && client.getBinlogFilename().equals(stop[0])
                            && header.getNextPosition() >= Long.parseLong(stop[1])) {
                        done.countDown();
                    }
                });
        long began = System.nanoTime();
        client.connect(10_000);
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("BinaryLogClient did not reach " + to);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        client.disconnect();
        System.arraycopy(counts, 0, countsOut, 0, 3);
        return new Timing(counts[0] + counts[1] + counts[2], seconds);
    }

    private static double run(List<String> command) throws Exception {
        long began = System.nanoTime();
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(new File("/dev/null"))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Baseline failed (" + p.exitValue() + "): " + command);
        }
        return (System.nanoTime() - began) / 1e9;
    }
}

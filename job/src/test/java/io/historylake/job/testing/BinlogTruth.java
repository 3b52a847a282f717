package io.historylake.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground truth independent of the job: the row events between two binlog positions, counted per
 * table and op by MariaDB's own C client ({@code mariadb-binlog}).
 */
public final class BinlogTruth {

    private static final Pattern ROW =
            Pattern.compile("^### (INSERT INTO|UPDATE|DELETE FROM) `([^`]+)`\\.`([^`]+)`");

    private BinlogTruth() {}

    /**
     * Counts as {@code "db.table" -> {"c"|"u"|"d" -> n}}.
     *
     * @param from {@code file:pos} (inclusive)
     * @param to {@code file:pos} (exclusive), in the same or a later file
     */
    public static Map<String, Map<String, Long>> count(LocalMariaDb db, String from, String to) {
        String[] start = from.split(":");
        String[] stop = to.split(":");
        try {
            Path out = Files.createTempFile("binlog-", ".txt");
            List<String> command =
                    new java.util.ArrayList<>(
                            List.of(
                                    "mariadb-binlog",
                                    "--no-defaults",
                                    "--read-from-remote-server",
                                    "--host=127.0.0.1",
                                    "--port=" + db.port(),
                                    "--user=root",
                                    "--base64-output=decode-rows",
                                    "--verbose",
                                    "--start-position=" + start[1]));
            if (start[0].equals(stop[0])) {
                command.add("--stop-position=" + stop[1]);
                command.add(start[0]);
            } else {
                command.add("--to-last-log");
                command.add(start[0]);
            }
            Process p =
                    new ProcessBuilder(command)
                            .redirectOutput(out.toFile())
                            .redirectErrorStream(false)
                            .start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "mariadb-binlog failed: "
                                + new String(
                                        p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            try (var lines = Files.lines(out, StandardCharsets.ISO_8859_1)) {
                lines.forEach(
                        line -> {
                            Matcher m = ROW.matcher(line);
                            if (m.find()) {
                                String op =
                                        switch (m.group(1)) {
                                            case "INSERT INTO" -> "c";
                                            case "UPDATE" -> "u";
                                            default -> "d";
                                        };
                                counts.computeIfAbsent(
                                                m.group(2) + "." + m.group(3), k -> new TreeMap<>())
                                        .merge(op, 1L, Long::sum);
                            }
                        });
            }
            Files.delete(out);
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Total events of a count map. */
    public static long total(Map<String, Map<String, Long>> counts) {
        return counts.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    /** The counts of {@code tables} in each of {@code counts}, added up. */
    @SafeVarargs
    public static Map<String, Map<String, Long>> sum(
            List<String> tables, Map<String, Map<String, Long>>... counts) {
        Map<String, Map<String, Long>> sum = new java.util.TreeMap<>();
        for (Map<String, Map<String, Long>> each : counts) {
            each.forEach(
                    (table, ops) -> {
                        if (tables.contains(table)) {
                            ops.forEach(
                                    (op, n) ->
                                            sum.computeIfAbsent(
                                                            table, k -> new java.util.TreeMap<>())
                                                    .merge(op, n, Long::sum));
                        }
                    });
        }
        return sum;
    }
}

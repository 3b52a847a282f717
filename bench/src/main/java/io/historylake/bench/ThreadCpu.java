package io.historylake.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of a running JVM per thread group (operator chain, CDC reader, Parquet encoder, GC, JIT,
 * RocksDB, other), from {@code /proc/<pid>/task/<tid>/stat}: each thread's user + system ticks, its
 * largest value seen while the process ran. Tells where a run's CPU went, including the JIT and GC
 * threads that Java profilers do not sample.
 */
final class ThreadCpu {

    /** Thread groups in report order; a thread's group is the first whose prefix its name has. */
    static final List<String> GROUPS =
            List.of("task", "reader", "Parquet encoder", "GC", "JIT", "RocksDB", "other");

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<Long, Long> ticks = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();

    /** Reads every thread of the process once; threads that ended keep their last reading. */
    void sample(long pid) {
        try (DirectoryStream<Path> tasks =
                Files.newDirectoryStream(Path.of("/proc/" + pid, "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after the command name, which is in parentheses and may hold spaces
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long tid = Long.parseLong(task.getFileName().toString());
                    ticks.merge(tid, used, Math::max);
                    // the latest name: a new thread carries its creator's name until the JVM
                    // sets its own (a Parquet encoder first seen so was counted as the task)
                    groups.put(tid, group(stat));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** CPU seconds per group, in {@link #GROUPS} order. */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : GROUPS) {
            seconds.put(group, 0.0);
        }
        for (Map.Entry<Long, Long> thread : ticks.entrySet()) {
            String group = groups.get(thread.getKey());
            seconds.put(group, seconds.get(group) + thread.getValue() / TICKS_PER_SECOND);
        }
        return seconds;
    }

    /** The group of a thread by its name (the kernel keeps its first 15 characters). */
    static String group(String stat) {
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("Source: ")) {
            return "task"; // the one operator chain: source emitter to sink writer
        }
        if (name.startsWith("blc-")
                || name.startsWith("Source Data Fet")
                || name.startsWith("debezium")
                || name.startsWith("snapshot")
                || name.startsWith("binlog")
                || name.startsWith("history-lake-ca")) {
            // Debezium's binlog client, snapshot reader, Flink's split fetcher; the native
            // capture's reading thread (history-lake-capture-N)
            return "reader";
        }
        if (name.startsWith("history-lake Pa")) {
            return "Parquet encoder";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (name.startsWith("rocksdb")) {
            return "RocksDB";
        }
        return "other";
    }
}

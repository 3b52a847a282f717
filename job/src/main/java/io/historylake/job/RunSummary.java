package io.historylake.job;

import io.historylake.job.compact.CompactionLog;
import io.historylake.job.compact.LakeFiles;
import io.historylake.metrics.LandingMetrics;
import io.historylake.model.TableId;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.fs.Path;

/**
 * The end of a bounded run in one block of the log: rows landed per table and op (the job's
 * accumulators, see {@link LandingMetrics}), the lake's files and bytes, and the time it took.
 */
final class RunSummary {

    private RunSummary() {}

    static String describe(JobExecutionResult result, Path lake, Duration took) {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Object> a : result.getAllAccumulatorResults().entrySet()) {
            if (a.getKey().startsWith(LandingMetrics.ACCUMULATOR_PREFIX)
                    && a.getValue() instanceof Long n
                    && n > 0) {
                String[] tableAndOp =
                        a.getKey().substring(LandingMetrics.ACCUMULATOR_PREFIX.length()).split("/");
                rows.computeIfAbsent(tableAndOp[0], k -> new TreeMap<>()).put(tableAndOp[1], n);
                total += n;
            }
        }
        StringBuilder text =
                new StringBuilder("Run summary: ")
                        .append(String.format("%,d", total))
                        .append(" rows landed in ")
                        .append(human(took));
        rows.forEach(
                (table, ops) -> {
                    text.append("\n  ").append(table).append(':');
                    ops.forEach(
                            (op, n) ->
                                    text.append(' ')
                                            .append(String.format("%,d", n))
                                            .append(' ')
                                            .append(op));
                });
        text.append("\n  lake ").append(lake).append(": ").append(files(lake));
        return text.toString();
    }

    /** "12 files, 3.4 MB" of the lake's visible Parquet files. */
    static String files(Path lake) {
        try {
            CompactionLog.State log = CompactionLog.read(lake);
            long files = 0;
            long bytes = 0;
            for (TableId table : LakeFiles.tables(lake)) {
                for (LakeFiles.DataFile file : LakeFiles.visible(lake, table, log)) {
                    files++;
                    bytes += file.size();
                }
            }
            return String.format("%,d files, %s", files, bytes(bytes));
        } catch (IOException e) {
            return "files not listed (" + e.getMessage() + ")";
        }
    }

    static String bytes(long bytes) {
        return bytes >= 1_000_000
                ? String.format("%.1f MB", bytes / 1e6)
                : String.format("%.1f KB", bytes / 1e3);
    }

    static String human(Duration took) {
        long s = Math.max(0, took.toSeconds());
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}

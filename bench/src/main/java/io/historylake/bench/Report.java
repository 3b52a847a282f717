package io.historylake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The benchmark's table, printed and written as JSON. */
final class Report {

    /** One workload's figures. */
    record Line(
            String workload,
            long rows,
            double historyLakeRate,
            Map<String, Double> baselines,
            String ratioAgainst,
            double target,
            JobRun.Result job,
            JobRun.Result sourceAlone,
            JobRun.Result sourceToParquet,
            LakeStats lake) {

        double ratio() {
            return historyLakeRate / baselines.get(ratioAgainst);
        }
    }

    /** The baseline that runs the job's capture source alone ({@link SourceAlone}). */
    static final String SOURCE_ALONE = "source alone";

    /** The baseline that lands the source's rows as Parquet ({@link SourceToParquet}). */
    /** The same job on the Flink CDC capture, next to the native capture's line. */
    static final String FLINK_CDC_JOB = "history-lake on flink-cdc";

    static final String SOURCE_TO_PARQUET = "source to Parquet";

    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    void add(Line line) {
        lines.add(line);
        System.out.println(format(line));
    }

    void fact(String key, Object value) {
        facts.put(key, value);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(
                "| workload | rows | history-lake rows/s | baselines rows/s | ratio | target |"
                        + " peak live heap MB | peak RSS MB | bytes/row | files |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            out.append(format(l)).append('\n');
        }
        out.append(
                        "\nCPU per row by thread, microseconds (CPU seconds x 10^6 / rows; wall = elapsed")
                .append(
                        " x 10^6 / rows; 2 cores give 2 CPU-us per wall-us):\n\n| workload | run |");
        for (String group : ThreadCpu.GROUPS) {
            out.append(' ').append(group).append(" |");
        }
        out.append(" all threads | wall |\n|---|---|")
                .append("---|".repeat(ThreadCpu.GROUPS.size() + 2))
                .append('\n');
        for (Line l : lines) {
            out.append(cpuRow(l, "history-lake", l.job()));
            if (l.sourceAlone() != null) {
                out.append(cpuRow(l, SOURCE_ALONE, l.sourceAlone()));
            }
            if (l.sourceToParquet() != null) {
                out.append(cpuRow(l, SOURCE_TO_PARQUET, l.sourceToParquet()));
            }
        }
        facts.forEach((k, v) -> out.append("\n").append(k).append(": ").append(v));
        return out.append('\n').toString();
    }

    private static String cpuRow(Line l, String run, JobRun.Result result) {
        StringBuilder row = new StringBuilder("| " + l.workload() + " | " + run + " |");
        double all = 0;
        for (double seconds : result.cpuSeconds().values()) {
            row.append(' ').append(perRow(seconds, l.rows())).append(" |");
            all += seconds;
        }
        return row.append(' ')
                .append(perRow(all, l.rows()))
                .append(" | ")
                .append(perRow(result.seconds(), l.rows()))
                .append(" |\n")
                .toString();
    }

    private static String cpuJson(JobRun.Result result, long rows) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Double> group : result.cpuSeconds().entrySet()) {
            json.append(json.length() > 1 ? ", " : "")
                    .append(value(group.getKey()))
                    .append(": ")
                    .append(perRow(group.getValue(), rows));
        }
        return json.append('}').toString();
    }

    private static String perRow(double seconds, long rows) {
        return String.format(Locale.ROOT, "%.1f", seconds * 1e6 / rows);
    }

    private static String format(Line l) {
        StringJoiner baselines = new StringJoiner("; ");
        l.baselines().forEach((k, v) -> baselines.add(k + ' ' + num(v)));
        String ratio = String.format(Locale.ROOT, "%.2f x %s", l.ratio(), l.ratioAgainst());
        Double source = l.baselines().get(SOURCE_ALONE);
        if (source != null) {
            ratio +=
                    String.format(
                            Locale.ROOT, "; %.2f x %s", l.historyLakeRate() / source, SOURCE_ALONE);
        }
        Double floor = l.baselines().get(SOURCE_TO_PARQUET);
        if (floor != null) { // the bound of the stack: the floor against the same baseline
            ratio +=
                    String.format(
                            Locale.ROOT,
                            "; %.2f x %s, itself %.2f x %s",
                            l.historyLakeRate() / floor,
                            SOURCE_TO_PARQUET,
                            floor / l.baselines().get(l.ratioAgainst()),
                            l.ratioAgainst());
        }
        Double cdc = l.baselines().get(FLINK_CDC_JOB);
        if (cdc != null) {
            ratio +=
                    String.format(
                            Locale.ROOT, "; %.2f x %s", l.historyLakeRate() / cdc, FLINK_CDC_JOB);
        }
        return String.format(
                Locale.ROOT,
                "| %s | %d | %s | %s | %s | >= %.2f %s | %d | %d | %.0f | %d |",
                l.workload(),
                l.rows(),
                num(l.historyLakeRate()),
                baselines,
                ratio,
                l.target(),
                l.ratio() >= l.target() ? "met" : "NOT MET",
                l.job().peakHeapMb(),
                l.job().peakRssMb(),
                l.lake().rows() == 0 ? 0.0 : (double) l.lake().bytes() / l.lake().rows(),
                l.lake().files());
    }

    void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        facts.forEach(
                (k, v) ->
                        json.append("  \"")
                                .append(k)
                                .append("\": ")
                                .append(value(v))
                                .append(",\n"));
        json.append("  \"workloads\": [\n");
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            json.append("    {\"workload\": ")
                    .append(value(l.workload()))
                    .append(", \"rows\": ")
                    .append(l.rows())
                    .append(", \"history_lake_rows_per_s\": ")
                    .append(num(l.historyLakeRate()));
            l.baselines()
                    .forEach(
                            (k, v) ->
                                    json.append(", ")
                                            .append(value(k.replace(' ', '_') + "_rows_per_s"))
                                            .append(": ")
                                            .append(num(v)));
            json.append(", \"ratio\": ")
                    .append(String.format(Locale.ROOT, "%.3f", l.ratio()))
                    .append(", \"ratio_against\": ")
                    .append(value(l.ratioAgainst()))
                    .append(", \"target\": ")
                    .append(l.target())
                    .append(", \"seconds\": ")
                    .append(String.format(Locale.ROOT, "%.2f", l.job().seconds()))
                    .append(", \"peak_heap_mb\": ")
                    .append(l.job().peakHeapMb())
                    .append(", \"peak_rss_mb\": ")
                    .append(l.job().peakRssMb())
                    .append(", \"lake_rows\": ")
                    .append(l.lake().rows())
                    .append(", \"lake_bytes\": ")
                    .append(l.lake().bytes())
                    .append(", \"files\": ")
                    .append(l.lake().files())
                    .append(", \"cpu_us_per_row\": ")
                    .append(cpuJson(l.job(), l.rows()));
            if (l.sourceAlone() != null) {
                json.append(", \"source_alone_cpu_us_per_row\": ")
                        .append(cpuJson(l.sourceAlone(), l.rows()));
            }
            if (l.sourceToParquet() != null) {
                json.append(", \"source_to_parquet_cpu_us_per_row\": ")
                        .append(cpuJson(l.sourceToParquet(), l.rows()));
            }
            json.append("}").append(i < lines.size() - 1 ? "," : "").append('\n');
        }
        json.append("  ]\n}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.toString());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String value(Object v) {
        return v instanceof Number
                ? v.toString()
                : "\"" + String.valueOf(v).replace("\"", "'") + "\"";
    }
}

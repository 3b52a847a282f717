package io.historylake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            LakeStats lake) {

        double ratio() {
            return historyLakeRate / baselines.get(ratioAgainst);
        }
    }

    /** The baseline that runs the job's capture source alone ({@link SourceAlone}). */
    static final String SOURCE_ALONE = "source alone";

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
        facts.forEach((k, v) -> out.append("\n").append(k).append(": ").append(v));
        return out.append('\n').toString();
    }

    private static String format(Line l) {
        StringBuilder baselines = new StringBuilder();
        l.baselines()
                .forEach((k, v) -> baselines.append(k).append(' ').append(num(v)).append("; "));
        String ratio = String.format(Locale.ROOT, "%.2f x %s", l.ratio(), l.ratioAgainst());
        Double source = l.baselines().get(SOURCE_ALONE);
        if (source != null) {
            ratio +=
                    String.format(
                            Locale.ROOT, "; %.2f x %s", l.historyLakeRate() / source, SOURCE_ALONE);
        }
        return String.format(
                Locale.ROOT,
                "| %s | %d | %s | %s| %s | >= %.2f %s | %d | %d | %.0f | %d |",
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
                    .append("}")
                    .append(i < lines.size() - 1 ? "," : "")
                    .append('\n');
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

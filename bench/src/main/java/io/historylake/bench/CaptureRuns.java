package io.historylake.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One workload on each capture: the job, the source alone and the source to Parquet. */
final class CaptureRuns {

    private CaptureRuns() {}

    /** Runs a workload on each capture; each capture's line in the report. */
    static void run(
            Report report,
            JobRun jobs,
            Path work,
            List<String> options,
            long rows,
            String name,
            Map<String, Double> base,
            String against,
            double target,
            LakeCheck check)
            throws Exception {
        Double cdcRate = null;
        for (String capture : captures()) {
            CaptureRun run = runCapture(jobs, work, options, capture, rows, check);
            report.add(run.line(name, rows, base, against, target, cdcRate));
            if (capture.equals("flink-cdc")) {
                cdcRate = run.rate(rows);
            }
        }
    }

    /**
     * The captures each workload runs on, in this order ({@code BENCH_CAPTURES}, default both:
     * Flink CDC first, so that the native line shows its ratio to it).
     */
    static List<String> captures() {
        return List.of(
                System.getenv().getOrDefault("BENCH_CAPTURES", "flink-cdc,native").split(","));
    }

    /** The job, the source alone and the source to Parquet on one capture; each lake checked. */
    private static CaptureRun runCapture(
            JobRun jobs,
            Path work,
            List<String> options,
            String capture,
            long rows,
            LakeCheck check)
            throws Exception {
        List<String> withCapture = new java.util.ArrayList<>(options);
        withCapture.addAll(List.of("--capture", capture));
        Path dir = work.resolveSibling(work.getFileName() + "-" + capture);
        JobRun.Result job = jobs.runToEnd(dir, withCapture);
        JobRun.Result alone =
                jobs.runSourceAlone(
                        dir.resolveSibling(dir.getFileName() + "-source-alone"), withCapture);
        Path floorWork = dir.resolveSibling(dir.getFileName() + "-source-to-parquet");
        JobRun.Result floor = jobs.runSourceToParquet(floorWork, withCapture);
        check.verify(floorWork.resolve("lake"));
        return new CaptureRun(capture, job, alone, floor, check.verify(dir.resolve("lake")));
    }

    /** Checks a run's lake; returns its statistics. */
    interface LakeCheck {
        LakeStats verify(Path lake) throws Exception;
    }

    /** One capture's runs of a workload. */
    private record CaptureRun(
            String capture,
            JobRun.Result job,
            JobRun.Result alone,
            JobRun.Result floor,
            LakeStats lake) {

        double rate(long rows) {
            return rows / job.seconds();
        }

        Report.Line line(
                String name,
                long rows,
                Map<String, Double> baselines,
                String against,
                double target,
                Double flinkCdcJob) {
            Map<String, Double> rates = new LinkedHashMap<>(baselines);
            rates.put(Report.SOURCE_ALONE, rows / alone.seconds());
            rates.put(Report.SOURCE_TO_PARQUET, rows / floor.seconds());
            if (flinkCdcJob != null) {
                rates.put(Report.FLINK_CDC_JOB, flinkCdcJob);
            }
            return new Report.Line(
                    name + " (" + capture + ")",
                    rows,
                    rate(rows),
                    rates,
                    against,
                    target,
                    job,
                    alone,
                    floor,
                    lake);
        }
    }
}

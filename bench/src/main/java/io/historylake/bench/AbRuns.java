package io.historylake.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A/B runs on the same data: {@code BENCH_AB='a=/tmp/a.jar|b=/tmp/b.jar -Xmx1g -XX:+UseParallelGC'}
 * runs each variant (a label, a jar, optional JVM flags) in turn, {@code BENCH_REPEAT} rounds (3),
 * instead of the baselines, and prints each run's rate and CPU per row. Variants alternate so that
 * a drift of the machine shows in both.
 */
final class AbRuns {

    /** One variant: a label, the jar and the JVM flags it runs with. */
    record Variant(String label, Path jar, List<String> flags) {

        static Variant parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(
                        "BENCH_AB variant '" + spec + "' is not label=jar [jvm flags]");
            }
            String[] words = spec.substring(eq + 1).trim().split("\\s+");
            List<String> flags =
                    words.length > 1
                            ? Arrays.asList(words).subList(1, words.length)
                            : JobRun.JVM_FLAGS;
            return new Variant(spec.substring(0, eq).trim(), Path.of(words[0]), flags);
        }
    }

    private final List<Variant> variants;
    private final int rounds;

    private AbRuns(List<Variant> variants, int rounds) {
        this.variants = variants;
        this.rounds = rounds;
    }

    /** The A/B runs the environment asks for, or null for a normal benchmark run. */
    static AbRuns fromEnv(Map<String, String> env) {
        String spec = env.get("BENCH_AB");
        if (spec == null || spec.isBlank()) {
            return null;
        }
        List<Variant> variants = new ArrayList<>();
        for (String one : spec.split("\\|")) {
            variants.add(Variant.parse(one));
        }
        return new AbRuns(variants, Integer.parseInt(env.getOrDefault("BENCH_REPEAT", "3")));
    }

    /** Runs the variants in turn on one workload; {@code check} verifies each run's lake. */
    void run(Db db, String workload, Path work, List<String> options, long rows, LakeCheck check)
            throws Exception {
        for (int round = 1; round <= rounds; round++) {
            for (Variant v : variants) {
                JobRun.Result r = new JobRun(v.jar(), db, v.flags()).runToEnd(work, options);
                check.verify(work.resolve("lake"));
                StringBuilder cpu = new StringBuilder();
                double all = 0;
                for (Map.Entry<String, Double> g : r.cpuSeconds().entrySet()) {
                    double perRow = g.getValue() * 1e6 / rows;
                    all += perRow;
                    cpu.append(String.format(Locale.ROOT, " %s %.1f;", g.getKey(), perRow));
                }
                System.out.printf(
                        Locale.ROOT,
                        "ab %s round %d %s: %.0f rows/s, peak heap %d MB, CPU-us/row%s all %.1f%n",
                        workload,
                        round,
                        v.label(),
                        rows / r.seconds(),
                        r.peakHeapMb(),
                        cpu,
                        all);
            }
        }
    }

    /** Verifies the lake a run wrote. */
    interface LakeCheck {
        void verify(Path lake) throws Exception;
    }
}

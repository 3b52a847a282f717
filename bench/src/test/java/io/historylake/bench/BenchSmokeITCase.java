package io.historylake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's one command at a small size: it completes, and every workload's lake holds the
 * rows the database and its binlog hold (the benchmark checks that itself and fails otherwise). No
 * timing is asserted.
 */
class BenchSmokeITCase {

    @TempDir Path out;

    private static String workload(String name, String capture, int rows) {
        return "\"workload\": \"" + name + " (" + capture + ")\", \"rows\": " + rows + ",";
    }

    @Test
    void theBenchmarkCompletesAtTwentyThousandRowsWithTheRightRowCountsInTheLake()
            throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Process bench =
                new ProcessBuilder(
                                root.resolve("bench/run.sh").toString(),
                                "--rows",
                                "20000",
                                "--out",
                                out.toString())
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.resolve("bench.log").toFile())
                        .start();
        assertThat(bench.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(out.resolve("bench.log"));
        assertThat(bench.exitValue()).as(log).isZero();

        String json = Files.readString(out.resolve("results.json"));
        for (String capture : List.of("flink-cdc", "native")) {
            assertThat(json)
                    .contains(workload("snapshot narrow", capture, 20000))
                    .contains(workload("snapshot wide", capture, 4000))
                    .contains(workload("binlog bulk", capture, 20000))
                    .contains(workload("binlog bulk new table", capture, 20000))
                    .contains(workload("binlog small tx", capture, 2000));
        }
        assertThat(json)
                .contains("\"lake_rows\": 20000")
                .contains("\"source_alone_rows_per_s\": ")
                .contains("\"latency\": ");
        assertThat(out.resolve("results.md"))
                .content()
                .contains("| binlog bulk (native) | 20000 |");
    }
}

package io.historylake.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masked columns never appear in clear anywhere in the lake (cells, statistics, schema files) or
 * the log.
 */
class MaskingITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final String SALT = "salt-kept-in-a-vault";
    private static final List<String> SECRETS =
            List.of(
                    "alice.sentinel@example.com",
                    "bob.sentinel@example.com",
                    "999-SENTINEL-01",
                    "999-SENTINEL-02",
                    "+1-555-SENTINEL",
                    "+1-555-SENTINEL-2",
                    SALT);

    @TempDir Path work;

    @Test
    void aHashedColumnNeverAppearsInClearInTheLakeOrTheLog() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE people",
                "CREATE TABLE people.customers (id INT PRIMARY KEY, email VARCHAR(80), ssn VARCHAR(20),"
                        + " phone VARCHAR(20), name VARCHAR(40))",
                "INSERT INTO people.customers VALUES"
                        + " (1, 'alice.sentinel@example.com', '999-SENTINEL-01', '+1-555-SENTINEL', 'Alice')");
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL,
                                work,
                                "people",
                                Map.of("HISTORY_LAKE_MASK_SALT", SALT),
                                "--mask",
                                "people\\.customers\\.email=hash;people\\.customers\\.ssn=drop;"
                                        + "people\\.customers\\.phone=null",
                                "--capture-query",
                                "true",
                                "--lake.compression",
                                "snappy"));
        Lake lake = new Lake(work.resolve("lake"));
        lake.awaitRows("people_customers", 1, "the snapshot");
        MYSQL.execute(
                "INSERT INTO people.customers VALUES (2, 'bob.sentinel@example.com', '999-SENTINEL-02',"
                        + " '+1-555-SENTINEL-2', 'Bob') /*user_id='15016'*/",
                "UPDATE people.customers SET email = 'alice.sentinel@example.com', name = 'Alice B'"
                        + " WHERE id = 1",
                "DELETE FROM people.customers WHERE id = 2");
        lake.awaitRows("people_customers", 4, "the binlog changes");
        job.cancel().get();

        assertThat(
                        lake.rows(
                                "SELECT column_name FROM (DESCRIBE people_customers) WHERE column_name = 'ssn'"))
                .as("the dropped column")
                .isEmpty();
        assertThat(lake.rows("SELECT DISTINCT phone FROM people_customers"))
                .containsExactly(java.util.Arrays.asList((String) null));
        assertThat(lake.rows("SELECT DISTINCT email FROM people_customers WHERE id = 1"))
                .containsExactly(List.of(sha256(SALT + "alice.sentinel@example.com")));

        try (Stream<Path> files = Files.walk(lake.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String cells = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (file.getFileName().toString().endsWith(".parquet")) {
                    cells +=
                            lake.rows("SELECT * FROM read_parquet('" + file + "')").toString()
                                    + lake.rows("SELECT * FROM parquet_metadata('" + file + "')")
                                    + lake.rows(
                                            "SELECT * FROM parquet_kv_metadata('" + file + "')");
                }
                for (String secret : SECRETS) {
                    assertThat(cells).as("%s in %s", secret, file).doesNotContain(secret);
                }
            }
        }
        String log = Files.readString(Path.of("target/test.log"));
        for (String secret : SECRETS) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

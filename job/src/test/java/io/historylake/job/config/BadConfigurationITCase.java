package io.historylake.job.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each misconfiguration fails at start with a message that names the cause and the fix. */
class BadConfigurationITCase {

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @BeforeAll
    static void createSchema() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, total DECIMAL(10,2))",
                "CREATE DATABASE legacy",
                "CREATE TABLE legacy.events (seq INT NOT NULL, payload TEXT)",
                "CREATE DATABASE partitioned",
                "CREATE TABLE partitioned.daily (id INT PRIMARY KEY, dt DATE)",
                "CREATE DATABASE clash",
                "CREATE TABLE clash.events (id INT PRIMARY KEY, _op VARCHAR(10))");
    }

    @AfterEach
    void restoreServerSettings() throws Exception {
        MYSQL.execute(
                "SET GLOBAL binlog_format = 'ROW'",
                "SET GLOBAL binlog_row_image = 'FULL'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'history_lake'@'%'");
    }

    @Test
    void aStatementBinlogFormatIsRefusedWithTheSettingToChange() throws Exception {
        MYSQL.execute("SET GLOBAL binlog_format = 'STATEMENT'");
        assertFailsWith(options("shop"), "binlog_format is STATEMENT", "binlog_format=ROW");
    }

    @Test
    void aMinimalRowImageIsRefusedWithTheSettingToChange() throws Exception {
        MYSQL.execute("SET GLOBAL binlog_row_image = 'MINIMAL'");
        assertFailsWith(options("shop"), "binlog_row_image is MINIMAL", "binlog_row_image=FULL");
    }

    @Test
    void aUserWithoutReplicationGrantsIsRefusedWithTheGrantStatement() throws Exception {
        MYSQL.execute("REVOKE REPLICATION SLAVE ON *.* FROM 'history_lake'@'%'");
        assertFailsWith(options("shop"), "lacks REPLICATION SLAVE", "GRANT SELECT, RELOAD");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingAnyPassword() {
        Configuration conf = options("shop");
        conf.setString("mysql.password", "not-the-password");
        assertThatThrownBy(() -> HistoryLakeMain.start(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access denied")
                .hasMessageContaining("MYSQL_PASSWORD")
                .hasMessageNotContaining("not-the-password")
                .hasMessageNotContaining(MYSQL.cdcUser().password());
    }

    @Test
    void anUnreachableHostIsRefusedNamingHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Configuration conf = options("shop");
        conf.setString("mysql.port", Integer.toString(closedPort));
        assertFailsWith(conf, "Cannot reach MySQL at 127.0.0.1:" + closedPort, "--mysql.host");
    }

    @Test
    void anUnknownTableInTheIncludeListIsRefusedByName() {
        assertFailsWith(
                options("shop", "--mysql.tables", "shop.orders,shop.invoices"),
                "Table 'shop.invoices' in --mysql.tables does not exist",
                "fix the name");
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedNamingTheChunkKeyOption() {
        assertFailsWith(
                options("legacy"),
                "Table legacy.events has no primary key",
                "--mysql.chunk-key-columns legacy.events=<column>");
    }

    @Test
    void aColumnNamedLikeThePartitionIsRefusedNamingTheOption() {
        assertFailsWith(options("partitioned"), "column named 'dt'", "--lake.partition-column");
    }

    @Test
    void aColumnNamedLikeAMetadataColumnIsRefusedNamingTheWayOut() {
        assertFailsWith(options("clash"), "column named '_op'", "=drop");
    }

    @Test
    void aMetadataNamedColumnThatMaskingDropsIsAccepted() throws Exception {
        Configuration conf = options("clash", "--mask", "clash\\.events\\._op=drop");
        HistoryLakeMain.start(conf).cancel().get();
    }

    @Test
    void aLakePathThatCannotBeWrittenIsRefusedNamingTheOption() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-directory"), "x");
        assertFailsWith(
                options("shop", "--lake.path", file.resolve("lake").toString()),
                "is not writable",
                "--lake.path");
    }

    @Test
    void aCheckpointDirThatCannotBeWrittenIsRefusedBeforeTheDatabaseIsAsked() throws Exception {
        // Under a regular file: never creatable, also for root (whom 0555 does not stop).
        Path file = Files.writeString(work.resolve("not-a-directory"), "x");
        MYSQL.execute("SET GLOBAL binlog_format = 'STATEMENT'"); // the database check would fail
        assertFailsWith(
                options("shop", "--checkpoint.dir", file.resolve("checkpoints").toString()),
                "Checkpoint directory 'file:" + file.resolve("checkpoints"),
                "choose another --checkpoint.dir");
    }

    @Test
    void anUnknownOptionSuggestsTheNearestName() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--mysql.hots", "x"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown option '--mysql.hots': did you mean --mysql.host?");
    }

    private Configuration options(String db, String... extra) {
        return TestJobs.options(MYSQL, work, db, extra);
    }

    private static void assertFailsWith(Configuration conf, String cause, String fix) {
        assertThatThrownBy(() -> HistoryLakeMain.start(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(cause)
                .hasMessageContaining(fix);
    }
}

package io.historylake.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir Path dir;

    private static final String[] REQUIRED = {"--mysql.user", "cdc", "--mysql.databases", "shop"};

    @Test
    void flagsOverrideThePropertiesFileWhichOverridesManagedFlinkPropertyGroups() throws Exception {
        Path managed =
                Files.writeString(
                        dir.resolve("application_properties.json"),
                        "[{\"PropertyGroupId\": \"HistoryLake\", \"PropertyMap\": {\"mysql.host\": \"managed\","
                                + " \"mysql.port\": \"3307\", \"mysql.user\": \"cdc\", \"mysql.databases\": \"shop\"}},"
                                + " {\"PropertyGroupId\": \"Other\", \"PropertyMap\": {\"mysql.host\": \"ignored\"}}]");
        Path file =
                Files.writeString(
                        dir.resolve("job.properties"),
                        "mysql.port=3308\ncheckpoint.interval=5 s\n");
        Configuration conf =
                ConfigLoader.load(
                        new String[] {"--config", file.toString(), "--checkpoint.interval", "7s"},
                        Map.of(),
                        managed);
        assertThat(conf.get(HistoryLakeOptions.MYSQL_HOST)).isEqualTo("managed");
        assertThat(conf.get(HistoryLakeOptions.MYSQL_PORT)).isEqualTo(3308);
        assertThat(conf.get(RunOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndNeverShowsInTheConnection() {
        Configuration conf =
                ConfigLoader.load(
                        REQUIRED, Map.of("MYSQL_PASSWORD", "s3cret"), dir.resolve("none"));
        MySqlConnection connection = ConfigLoader.connection(conf);
        assertThat(connection.password()).isEqualTo("s3cret");
        assertThat(connection.toString()).doesNotContain("s3cret");
    }

    @Test
    void startupModesAreWrittenAsUsersTypeThem() {
        Configuration conf =
                ConfigLoader.load(
                        append(REQUIRED, "--startup", "specific-offset"),
                        Map.of(),
                        dir.resolve("none"));
        assertThat(conf.get(HistoryLakeOptions.STARTUP))
                .isEqualTo(HistoryLakeOptions.Startup.SPECIFIC_OFFSET);
    }

    @Test
    void anInvalidValueIsRefusedNamingTheOption() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        append(REQUIRED, "--mysql.port", "many"),
                                        Map.of(),
                                        dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value for option 'mysql.port'");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        append(REQUIRED, "--startup", "sometimes"),
                                        Map.of(),
                                        dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'startup'");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        new String[] {"--mysql.user", "cdc"},
                                        Map.of(),
                                        dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing option '--mysql.databases'");
    }

    @Test
    void aFlagWithoutValueIsRefused() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        append(REQUIRED, "--until"), Map.of(), dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'--until' needs a value");
    }

    private static String[] append(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({
        "checkpoint.interval, abc, a duration such as",
        "parallelism, x, a whole number",
        "mysql.port, many, a whole number",
        "schema.policy, bogus, 'one of fail, quarantine, string'",
        "capture, bogus, 'one of auto, native, flink-cdc'",
        "startup, sometimes, 'one of initial, latest, timestamp, specific-offset'",
        "lake.target-file-size, 12qb, a size such as",
        "snapshot.new, yes please, true or false"
    })
    void anInvalidValueIsRefusedNamingTheOptionTheValueAndTheExpectedForm(
            String key, String value, String expected) {
        assertThatThrownBy(() -> load(append(REQUIRED, "--" + key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value '" + value + "' for '--" + key + "'")
                .hasMessageContaining("expected " + expected)
                .hasMessageContaining(OptionText.description(KnownOptions.byKey().get(key)))
                .hasMessageNotContaining("Description@");
    }

    @Test
    void anInvalidValueOfTheConfigFileIsNamedWithTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("job.properties"), "parallelism=many\n");
        assertThatThrownBy(() -> load(append(REQUIRED, "--config", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value 'many' for 'parallelism' in " + file);
    }

    @Test
    void aMissingRequiredOptionIsNamedWithItsDescription() {
        assertThatThrownBy(() -> load("--mysql.user", "cdc"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing option '--mysql.databases'")
                .hasMessageContaining("regular expressions of databases to capture")
                .hasMessageNotContaining("Description@");
    }

    @Test
    void everyMissingRequiredOptionIsNamedAtOnce() {
        assertThatThrownBy(() -> load("--mysql.host", "db"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing options '--mysql.user'")
                .hasMessageContaining("'--mysql.databases'");
    }

    @Test
    void anUnknownOptionSuggestsTheNearestNameInsteadOfListingAll() {
        assertThatThrownBy(() -> load(append(REQUIRED, "--mysql.hots", "db")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown option '--mysql.hots': did you mean --mysql.host?")
                .hasMessageContaining("--help")
                .hasMessageNotContaining("athena.database");
    }

    @Test
    void aBareNameSuggestsTheOptionItIsPartOf() {
        assertThatThrownBy(() -> load(append(REQUIRED, "--interval", "5s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean --checkpoint.interval?");
    }

    @Test
    void anUnknownKeyOfTheConfigFileIsNamedWithTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("job.properties"), "chekpoint.dir=/x\n");
        assertThatThrownBy(() -> load(append(REQUIRED, "--config", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown option 'chekpoint.dir' in " + file)
                .hasMessageContaining("did you mean --checkpoint.dir?");
    }

    @ParameterizedTest
    @CsvSource({
        "mysql.password, MYSQL_PASSWORD",
        "mask.salt, HISTORY_LAKE_MASK_SALT",
        "s3.secret-key, AWS_SECRET_ACCESS_KEY"
    })
    void aSecretIsRefusedOnTheCommandLineNamingWhereItGoes(String key, String variable) {
        assertThatThrownBy(() -> load(append(REQUIRED, "--" + key, "hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--" + key + " is not accepted on the command line")
                .hasMessageContaining(variable)
                .hasMessageContaining("--config file")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> load(append(REQUIRED, "--" + key + "=hunter2")))
                .hasMessageContaining("is not accepted on the command line")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void thePasswordComesFromTheConfigFile() throws Exception {
        Path file = Files.writeString(dir.resolve("job.properties"), "mysql.password=s3cret\n");
        Configuration conf = load(append(REQUIRED, "--config", file.toString()));
        assertThat(ConfigLoader.connection(conf).password()).isEqualTo("s3cret");
    }

    @Test
    void aFlagWithoutValueIsRefused() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        append(REQUIRED, "--until"), Map.of(), dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'--until' needs a value")
                .hasMessageContaining("'now' captures up to the binlog position");
    }

    private Configuration load(String... args) {
        return ConfigLoader.load(args, Map.of(), dir.resolve("none"));
    }

    private static String[] append(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}

package io.historylake.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.connector.mysql.MySqlValueConverters;
import io.historylake.job.testing.LocalMariaDb;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshot TIME values go from MySQL's text through the driver and Debezium's own parser to the
 * lake's microseconds, the way Flink CDC's snapshot reader takes them; each must keep its sign.
 */
class SignedTimeDriverTest {

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    /** Text as MySQL sends it, and the microseconds it stands for. */
    private static final Object[][] VALUES = {
        {"-00:00:00.000001", -1L},
        {"-00:00:01", -1_000_000L},
        {"-00:00:01.000000", -1_000_000L},
        {"-00:59:59.999999", -3_599_999_999L},
        {"-00:59:59.5", -3_599_500_000L},
        {"-00:30:00.250", -1_800_250_000L},
        {"-01:00:00", -3_600_000_000L},
        {"-01:02:03.4", -3_723_400_000L},
        {"-838:59:59.000000", -3_020_399_000_000L},
        {"-00:00:00", 0L},
        {"00:00:00", 0L},
        {"00:00:00.000001", 1L},
        {"00:59:59.999999", 3_599_999_999L},
        {"838:59:59", 3_020_399_000_000L},
    };

    @Test
    void everyTimeTextReachesTheLakeWithItsSignThroughDebeziumsParser() {
        for (Object[] value : VALUES) {
            String text = (String) value[0];
            assertThat(lakeMicros(text.getBytes(StandardCharsets.US_ASCII)))
                    .as(text)
                    .isEqualTo(value[1]);
        }
    }

    @Test
    void debeziumsParserAloneLosesTheSignAboveMinusOneHour() {
        // What the driver works around: if this starts to hold, the shift can go.
        assertThat(MySqlValueConverters.stringToDuration("-00:00:01").toNanos()).isPositive();
    }

    @Test
    void snapshotReadsOfEveryFractionalPrecisionKeepTheSignOfValuesAboveMinusOneHour()
            throws Exception {
        MYSQL.execute(
                "CREATE DATABASE time_db",
                "CREATE TABLE time_db.t (id INT PRIMARY KEY, t0 TIME, t3 TIME(3), t6 TIME(6))",
                "INSERT INTO time_db.t VALUES"
                        + " (1, '-00:00:01', '-00:00:00.001', '-00:00:00.000001'),"
                        + " (2, '-00:59:59', '-00:59:59.999', '-00:59:59.999999'),"
                        + " (3, '-01:00:00', '-01:00:00.000', '-01:00:00.000000'),"
                        + " (4, '00:00:00', '00:00:00.000', '00:00:00.000000'),"
                        + " (5, NULL, NULL, NULL)");
        List<Long> read = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT * FROM time_db.t ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                for (String column : List.of("t0", "t3", "t6")) {
                    Blob blob = rs.getBlob(column);
                    read.add(blob == null ? null : parsed(blob.getBytes(1, (int) blob.length())));
                }
            }
        }
        assertThat(read)
                .containsExactly(
                        -1_000_000L,
                        -1_000L,
                        -1L,
                        -3_599_000_000L,
                        -3_599_999_000L,
                        -3_599_999_999L,
                        -3_600_000_000L,
                        -3_600_000_000L,
                        -3_600_000_000L,
                        0L,
                        0L,
                        0L,
                        null,
                        null,
                        null);
    }

    @Test
    void aResultSetWithoutTimeColumnsIsConnectorJsOwnWithNoCallInBetween() throws Exception {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT 1 AS n, 'x' AS t");
                ResultSet rs = s.executeQuery()) {
            assertThat(java.lang.reflect.Proxy.isProxyClass(rs.getClass())).isFalse();
            assertThat(rs.getClass().getName()).startsWith("com.mysql.cj.jdbc.");
        }
    }

    private static Connection connect() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", MYSQL.cdcUser().user());
        props.setProperty("password", MYSQL.cdcUser().password());
        return new SignedTimeDriver().connect(MYSQL.cdcUser().jdbcUrl(), props);
    }

    /** MySQL's text as the driver hands it on, then what {@link #parsed} does with it. */
    private static long lakeMicros(byte[] text) {
        return parsed(SnapshotTimes.shiftForParsing(text));
    }

    /** Flink CDC's snapshot path from the driver on: Debezium's parser, MicroTime, ours. */
    private static long parsed(byte[] handed) {
        String text = new String(handed, StandardCharsets.US_ASCII);
        long micros = MySqlValueConverters.stringToDuration(text).toNanos() / 1_000;
        return (Long) ValueConversion.MICRO_TIME.convert(micros, 0);
    }
}

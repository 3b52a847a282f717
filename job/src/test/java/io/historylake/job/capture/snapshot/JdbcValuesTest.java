package io.historylake.job.capture.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcValuesTest {

    @Test
    void timeTextKeepsTheSignOfValuesAboveMinusOneHour() {
        assertThat(JdbcValues.time("-00:00:00.000001")).isEqualTo(-1L);
        assertThat(JdbcValues.time("-00:00:01")).isEqualTo(-1_000_000L);
        assertThat(JdbcValues.time("-00:59:59.999999")).isEqualTo(-3_599_999_999L);
        assertThat(JdbcValues.time("-838:59:59.000000")).isEqualTo(-3_020_399_000_000L);
        assertThat(JdbcValues.time("838:59:59.5")).isEqualTo(3_020_399_500_000L);
    }

    @Test
    void dateTimeTextIsReadAsUtcAndZeroDatesAreNull() {
        assertThat(JdbcValues.timestamp("1970-01-01 00:00:01.000001")).isEqualTo(1_000_001L);
        assertThat(JdbcValues.timestamp("1969-12-31 23:59:59.999999")).isEqualTo(-1L);
        assertThat(JdbcValues.timestamp("0000-00-00 00:00:00")).isNull();
        assertThat(JdbcValues.date("2024-02-29")).isEqualTo(19782);
        assertThat(JdbcValues.date("2024-00-10")).isNull();
    }

    @Test
    void keyValuesBindBackAsTheServerWritesThem() {
        assertThat(JdbcValues.timeText(-1L)).isEqualTo("-00:00:00.000001");
        assertThat(JdbcValues.timestampText(-1L)).isEqualTo("1969-12-31 23:59:59.999999");
    }
}

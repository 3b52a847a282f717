package io.historylake.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueConversionTest {

    @Test
    void bitsTurnFromDebeziumsLittleEndianIntoMySqlsBigEndianBytes() {
        byte[] little = {0x01, 0x02}; // b'1000000001' = 0x0201
        assertThat((byte[]) ValueConversion.BITS_TO_BYTES.convert(little, 10))
                .containsExactly(0x02, 0x01);
        assertThat((byte[]) ValueConversion.BITS_TO_BYTES.convert(new byte[] {0x05}, 16))
                .containsExactly(0x00, 0x05);
    }

    @Test
    void zonedTimestampsBecomeUtcMicroseconds() {
        assertThat(ValueConversion.ISO_INSTANT_TO_MICROS.convert("1970-01-01T00:00:01.000002Z", 0))
                .isEqualTo(1_000_002L);
        assertThat(ValueConversion.ISO_INSTANT_TO_MICROS.convert("2024-01-01T05:30:00+05:30", 0))
                .isEqualTo(1_704_067_200_000_000L);
    }

    @Test
    void theHandParsedTimestampAgreesWithTheIsoParserOnEveryForm() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            long micros = random.nextLong() % 253_402_300_799_000_000L; // years 0001..9999
            micros = Math.abs(micros) - 62_135_596_800_000_000L;
            java.time.Instant instant =
                    java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
            // Debezium's forms: no fraction, or 1..9 digits with trailing zeros trimmed.
            String iso = java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(ValueConversion.isoMicros(iso)).as(iso).isEqualTo(micros);
        }
        assertThat(ValueConversion.isoMicros("9999-12-31T23:59:59.999999Z"))
                .isEqualTo(253_402_300_799_999_999L);
        assertThat(ValueConversion.isoMicros("1970-01-01T00:00:00.1Z")).isEqualTo(100_000L);
        assertThat(ValueConversion.isoMicros("1970-01-01T00:00:00.123456789Z")).isEqualTo(123_456L);
    }

    @Test
    void decimalsKeepTheirScaleAndNeverRound() {
        assertThat(ValueConversion.TO_DECIMAL.convert(new BigDecimal("1.5"), 2))
                .isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> ValueConversion.TO_DECIMAL.convert(new BigDecimal("1.005"), 2))
                .isInstanceOf(ArithmeticException.class);
        assertThat(ValueConversion.DECIMAL_TO_STRING.convert(new BigDecimal("1E+40"), 0))
                .isEqualTo("10000000000000000000000000000000000000000");
    }

    @Test
    void setsBecomeListsAndBuffersBecomeBytes() {
        assertThat(ValueConversion.SET_TO_LIST.convert("a,c", 0)).isEqualTo(List.of("a", "c"));
        assertThat(ValueConversion.SET_TO_LIST.convert("", 0)).isEqualTo(List.of());
        assertThat((byte[]) ValueConversion.TO_BYTES.convert(ByteBuffer.wrap(new byte[] {7, 8}), 0))
                .containsExactly(7, 8);
    }
}

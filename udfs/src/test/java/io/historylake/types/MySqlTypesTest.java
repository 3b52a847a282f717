package io.historylake.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.model.LakeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MySqlTypesTest {

    @ParameterizedTest(name = "{0}({1},{2}) lands as {3}")
    @CsvSource({
        "TINYINT, 4, -1, int",
        "TINYINT, 1, -1, int",
        "TINYINT UNSIGNED, 3, -1, int",
        "SMALLINT UNSIGNED, 5, -1, int",
        "MEDIUMINT, 9, -1, int",
        "MEDIUMINT UNSIGNED, 8, -1, int",
        "INT, 11, -1, int",
        "INT UNSIGNED, 10, -1, long",
        "INTEGER UNSIGNED ZEROFILL, 10, -1, long",
        "BIGINT, 20, -1, long",
        "BIGINT UNSIGNED, 20, -1, 'decimal(20,0)'",
        "DECIMAL, 38, 10, 'decimal(38,10)'",
        "DECIMAL UNSIGNED, 10, 2, 'decimal(10,2)'",
        "DECIMAL, 65, 30, string",
        "FLOAT, 12, -1, float",
        "DOUBLE, 22, -1, double",
        "BIT, 1, -1, boolean",
        "BIT, 10, -1, bytes",
        "CHAR, 10, -1, string",
        "VARCHAR, 255, -1, string",
        "LONGTEXT, -1, -1, string",
        "ENUM, 1, -1, string",
        "JSON, -1, -1, string",
        "SET, 5, -1, string_array",
        "BINARY, 4, -1, bytes",
        "LONGBLOB, -1, -1, bytes",
        "POINT, -1, -1, bytes",
        "GEOMETRY, -1, -1, bytes",
        "DATE, -1, -1, date",
        "DATETIME, 26, 6, timestamp_micros",
        "TIMESTAMP, 19, -1, timestamp_micros",
        "TIME, 15, 6, long",
        "YEAR, 4, -1, int"
    })
    void everyMySqlTypeHasALosslessLakeType(String type, int length, int scale, String expected) {
        assertThat(MySqlTypes.lakeType(type, length, scale).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused with the type named")
    @CsvSource({"VECTOR", "MYSTERY"})
    void anUnknownTypeIsRefusedWithAMessageNamingIt(String type) {
        assertThatThrownBy(() -> MySqlTypes.lakeType(type, -1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + type + "'")
                .hasMessageContaining("--mysql.tables");
    }

    @ParameterizedTest(name = "decimal({0},{1}) is valid in the lake: {2}")
    @CsvSource({"1, 0, true", "38, 38, true", "39, 0, false", "10, 11, false"})
    void decimalLakeTypesStayWithinParquetLimits(int precision, int scale, boolean valid) {
        if (valid) {
            assertThat(LakeType.decimal(precision, scale).precision()).isEqualTo(precision);
        } else {
            assertThatThrownBy(() -> LakeType.decimal(precision, scale))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

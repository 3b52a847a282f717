package io.historylake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.LakeType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringFallbackTest {

    @Test
    void valuesBecomeTheirCanonicalText() {
        assertThat(StringFallback.text(new BigDecimal("1E+3"), LakeType.decimal(10, 0)))
                .isEqualTo("1000");
        assertThat(StringFallback.text(new BigDecimal("12.3400"), LakeType.decimal(10, 4)))
                .isEqualTo("12.3400");
        assertThat(StringFallback.text(-1, LakeType.DATE)).isEqualTo("1969-12-31");
        assertThat(StringFallback.text(-1L, LakeType.TIMESTAMP_MICROS))
                .isEqualTo("1969-12-31T23:59:59.999999Z");
        assertThat(StringFallback.text(new byte[] {1, 2}, LakeType.BYTES)).isEqualTo("AQI=");
        assertThat(StringFallback.text(List.of("a", "b"), LakeType.STRING_ARRAY)).isEqualTo("a,b");
        assertThat(StringFallback.text(42L, LakeType.LONG)).isEqualTo("42");
        assertThat(StringFallback.text(null, LakeType.LONG)).isNull();
    }

    @Test
    void onlyTheNamedColumnsOfAnImageAreRetyped() {
        var source =
                TestSchemas.schema(TestSchemas.col("id", "INT"), TestSchemas.dec("amount", 10, 4));
        var landed = StringFallback.schema(source, java.util.Set.of("amount"));

        assertThat(StringFallback.image(source, landed, new Object[] {7, new BigDecimal("1.5000")}))
                .containsExactly(7, "1.5000");
        assertThat(StringFallback.schema(source, java.util.Set.of("gone"))).isSameAs(source);
        assertThat(StringFallback.image(source, source, null)).isNull();
    }
}

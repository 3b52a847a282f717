package io.historylake.schema;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The {@link SchemaPolicy#STRING} fallback: the named columns land as strings, each value in its
 * canonical text (numbers and decimals in plain notation, dates and timestamps in ISO-8601 UTC,
 * bytes in base64, sets joined with commas).
 */
public final class StringFallback {

    private StringFallback() {}

    /** The schema with the named columns typed as strings; the same schema when none applies. */
    public static TableSchema schema(TableSchema source, Set<String> stringColumns) {
        boolean changed = false;
        List<Column> columns = new ArrayList<>(source.columns().size());
        for (Column c : source.columns()) {
            if (stringColumns.contains(c.name()) && !c.lakeType().equals(LakeType.STRING)) {
                columns.add(
                        new Column(
                                c.name(),
                                c.mysqlType(),
                                c.length(),
                                c.scale(),
                                c.nullable(),
                                c.enumValues(),
                                LakeType.STRING));
                changed = true;
            } else {
                columns.add(c);
            }
        }
        return changed ? new TableSchema(source.table(), columns, source.primaryKey()) : source;
    }

    /** An image of {@code source} re-typed for {@code landed} (null stays null). */
    public static Object[] image(TableSchema source, TableSchema landed, Object[] values) {
        if (values == null || source == landed) {
            return values;
        }
        Object[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            LakeType from = source.columns().get(i).lakeType();
            if (!from.equals(landed.columns().get(i).lakeType())) {
                out[i] = text(out[i], from);
            }
        }
        return out;
    }

    /** The canonical text of a value of a lake type. */
    public static String text(Object value, LakeType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIMESTAMP_MICROS -> {
                long micros = (Long) value;
                yield Instant.ofEpochSecond(
                                Math.floorDiv(micros, 1_000_000L),
                                Math.floorMod(micros, 1_000_000L) * 1000L)
                        .toString();
            }
            case BYTES -> Base64.getEncoder().encodeToString((byte[]) value);
            case STRING_ARRAY -> {
                StringBuilder joined = new StringBuilder();
                for (Object item : (List<?>) value) {
                    joined.append(joined.length() == 0 ? "" : ",").append(item);
                }
                yield joined.toString();
            }
            default -> value.toString();
        };
    }
}

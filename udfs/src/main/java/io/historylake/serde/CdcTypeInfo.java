package io.historylake.serde;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for streams of {@link CdcEvent}s or {@link RowChange}s (no Kryo). */
public final class CdcTypeInfo<T extends CdcEvent> extends TypeInformation<T> {

    public static final CdcTypeInfo<CdcEvent> EVENTS = new CdcTypeInfo<>(CdcEvent.class);
    public static final CdcTypeInfo<RowChange> ROWS = new CdcTypeInfo<>(RowChange.class);

    private final Class<T> type;

    private CdcTypeInfo(Class<T> type) {
        this.type = type;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return CdcSerializer.of(type);
    }

    @Override
    @Deprecated
    public TypeSerializer<T> createSerializer(ExecutionConfig config) {
        return CdcSerializer.of(type);
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CdcTypeInfo<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof CdcTypeInfo;
    }
}

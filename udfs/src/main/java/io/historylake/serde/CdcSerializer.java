package io.historylake.serde;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Flink serializer of {@link CdcEvent}s (or only {@link RowChange}s). Events are immutable, so a
 * copy is the same object.
 */
public final class CdcSerializer<T extends CdcEvent> extends TypeSerializer<T> {

    public static final CdcSerializer<CdcEvent> EVENTS = new CdcSerializer<>(CdcEvent.class);
    public static final CdcSerializer<RowChange> ROWS = new CdcSerializer<>(RowChange.class);

    private final Class<T> type;

    private CdcSerializer(Class<T> type) {
        this.type = type;
    }

    /** The serializer of the given event class. */
    @SuppressWarnings("unchecked")
    static <T extends CdcEvent> CdcSerializer<T> of(Class<T> type) {
        return (CdcSerializer<T>) (type == RowChange.class ? ROWS : EVENTS);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        CdcEventCodec.write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return type.cast(CdcEventCodec.read(source));
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        CdcEventCodec.write(CdcEventCodec.read(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CdcSerializer<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /** Serializer snapshot: the event class; the format itself has no configuration. */
    public static final class Snapshot<T extends CdcEvent> implements TypeSerializerSnapshot<T> {
        private Class<T> type;

        /** For reflective instantiation on restore. */
        public Snapshot() {}

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
                throws IOException {
            try {
                this.type = InstantiationUtil.resolveClassByName(in, loader);
            } catch (IOException e) {
                throw new IOException("Cannot restore the CdcSerializer snapshot", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return of(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> oldSnapshot) {
            return oldSnapshot instanceof Snapshot<T> old && old.type == type
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}

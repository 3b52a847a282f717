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
 *
 * <p>Its snapshot's version is the format of the bytes ({@link CdcEventCodec#CURRENT}). State
 * written in an older format is restored with a serializer that reads that format, and Flink
 * migrates it (reads it with that one, writes it with the current one).
 */
public final class CdcSerializer<T extends CdcEvent> extends TypeSerializer<T> {

    public static final CdcSerializer<CdcEvent> EVENTS =
            new CdcSerializer<>(CdcEvent.class, CdcEventCodec.CURRENT);
    public static final CdcSerializer<RowChange> ROWS =
            new CdcSerializer<>(RowChange.class, CdcEventCodec.CURRENT);

    private final Class<T> type;
    private final int format;

    private CdcSerializer(Class<T> type, int format) {
        this.type = type;
        this.format = format;
    }

    /** The serializer of the given event class, in the current format. */
    @SuppressWarnings("unchecked")
    static <T extends CdcEvent> CdcSerializer<T> of(Class<T> type) {
        return (CdcSerializer<T>) (type == RowChange.class ? ROWS : EVENTS);
    }

    /** The serializer of the given event class reading {@code format}, for state migration. */
    static <T extends CdcEvent> CdcSerializer<T> of(Class<T> type, int format) {
        return format == CdcEventCodec.CURRENT ? of(type) : new CdcSerializer<>(type, format);
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
        if (format != CdcEventCodec.CURRENT) {
            throw new IllegalStateException(
                    "CdcEvent format " + format + " is only read, to migrate state written in it");
        }
        CdcEventCodec.write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return type.cast(CdcEventCodec.read(source, format));
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CdcSerializer<?> other
                && other.type == type
                && other.format == format;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + format;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type, format);
    }

    /** Serializer snapshot: the event class; its version is the format of the bytes. */
    public static final class Snapshot<T extends CdcEvent> implements TypeSerializerSnapshot<T> {
        private Class<T> type;
        private int format = CdcEventCodec.CURRENT;

        /** For reflective instantiation on restore. */
        public Snapshot() {}

        Snapshot(Class<T> type, int format) {
            this.type = type;
            this.format = format;
        }

        @Override
        public int getCurrentVersion() {
            return format;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
                throws IOException {
            if (readVersion < 1 || readVersion > CdcEventCodec.CURRENT) {
                throw new IOException(
                        "State holds CdcEvents in format "
                                + readVersion
                                + ", newer than this release reads ("
                                + CdcEventCodec.CURRENT
                                + "): restore with the release that wrote it");
            }
            format = readVersion;
            try {
                this.type = InstantiationUtil.resolveClassByName(in, loader);
            } catch (IOException e) {
                throw new IOException("Cannot restore the CdcSerializer snapshot", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return of(type, format);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot<T> old) || old.type != type) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.format == format
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}

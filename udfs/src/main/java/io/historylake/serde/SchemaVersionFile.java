package io.historylake.serde;

import io.historylake.model.CdcEvent;
import io.historylake.model.SchemaVersion;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A schema version as a file of the lake ({@code v<N>.version}, beside its {@code .avsc}): the
 * format of {@link CdcEventCodec}, then the version in it, so that a later release reads the files
 * of an earlier one as it reads its state.
 */
public final class SchemaVersionFile {

    private static final int MAGIC = 0x484c5356; // "HLSV"

    private SchemaVersionFile() {}

    public static byte[] encode(SchemaVersion version) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(512);
        out.writeInt(MAGIC);
        out.writeInt(CdcEventCodec.CURRENT);
        CdcSerializer.EVENTS.serialize(version, out);
        return out.getCopyOfBuffer();
    }

    public static SchemaVersion decode(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        if (bytes.length < 8 || in.readInt() != MAGIC) {
            throw new IOException("Not a history-lake schema version file");
        }
        int format = in.readInt();
        if (format < 1 || format > CdcEventCodec.CURRENT) {
            throw new IOException(
                    "Schema version file in format "
                            + format
                            + ", newer than this release reads ("
                            + CdcEventCodec.CURRENT
                            + "): run the release that wrote it");
        }
        CdcEvent event = CdcSerializer.of(CdcEvent.class, format).deserialize(in);
        if (!(event instanceof SchemaVersion version)) {
            throw new IOException("The file holds a " + event.getClass().getSimpleName());
        }
        return version;
    }
}

package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.capture.binlog.BinlogOffset;
import io.historylake.job.capture.binlog.BinlogState;
import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native capture's splits in checkpoints: round trips, and the golden bytes of format 1 (a
 * checkpoint of this release must stay readable; write them anew only with a new version, with
 * {@code -Dgolden.write=true}).
 */
class CaptureSplitSerializerTest {

    private static final Path GOLDEN = Path.of("src/test/resources/capture/splits-v1.bin");
    private static final TableId TABLE = new TableId("shop", "orders");
    private static final KeyOrder ORDER =
            new KeyOrder(
                    List.of(
                            new Column(
                                    "region", "VARCHAR", 8, -1, false, List.of(), LakeType.STRING),
                            new Column("id", "BIGINT", -1, -1, false, List.of(), LakeType.LONG)),
                    Arrays.asList("utf8mb4 utf8mb4_general_ci", null));
    private static final List<TableWindow.Chunk> CHUNKS =
            List.of(
                    new TableWindow.Chunk(
                            new Object[] {"eu", 42L}, new BinlogPosition("binlog.000003", 1234, 0)),
                    new TableWindow.Chunk(null, new BinlogPosition("binlog.000003", 5678, 0)));
    private static final SnapshotSplit SNAPSHOT =
            new SnapshotSplit(
                    TABLE,
                    CHUNKS,
                    ORDER,
                    "CREATE TABLE `orders` (`region` varchar(8), `id` bigint)",
                    true);
    private static final BinlogSplit BINLOG =
            new BinlogSplit(
                    new BinlogState(
                            new BinlogOffset("binlog.000003", 1234, 1500, "0-1-77"),
                            "[{\"type\":\"CREATE\"}]",
                            Map.of(TABLE, new TableWindow(TABLE, ORDER, CHUNKS))));

    @Test
    void splitsSurviveTheRoundTrip() throws Exception {
        CaptureSplitSerializer serializer = new CaptureSplitSerializer();
        assertSame(SNAPSHOT, serializer.deserialize(1, serializer.serialize(SNAPSHOT)));
        BinlogSplit back = (BinlogSplit) serializer.deserialize(1, serializer.serialize(BINLOG));
        assertThat(back.state().offset()).isEqualTo(BINLOG.state().offset());
        assertThat(back.state().schemaJson()).isEqualTo(BINLOG.state().schemaJson());
        TableWindow window = back.state().windows().get(TABLE);
        assertThat(window.order()).isEqualTo(ORDER);
        assertThat(window.chunks().get(0).upperKey()).containsExactly("eu", 42L);
    }

    @Test
    void theBytesOfFormatOneStayReadable() throws Exception {
        CaptureSplitSerializer serializer = new CaptureSplitSerializer();
        byte[] snapshot = serializer.serialize(SNAPSHOT);
        byte[] binlog = serializer.serialize(BINLOG);
        byte[] both = new byte[snapshot.length + binlog.length + 4];
        java.nio.ByteBuffer.wrap(both).putInt(snapshot.length).put(snapshot).put(binlog);
        if (Boolean.getBoolean("golden.write")) {
            Files.write(GOLDEN, both);
        }
        byte[] golden = Files.readAllBytes(GOLDEN);
        assertThat(golden).isEqualTo(both);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(golden);
        byte[] first = new byte[in.getInt()];
        in.get(first);
        byte[] second = new byte[in.remaining()];
        in.get(second);
        assertSame(SNAPSHOT, serializer.deserialize(CaptureSplitSerializer.VERSION, first));
        assertThat(
                        ((BinlogSplit)
                                        serializer.deserialize(
                                                CaptureSplitSerializer.VERSION, second))
                                .state()
                                .offset())
                .isEqualTo(BINLOG.state().offset());
    }

    private static void assertSame(SnapshotSplit expected, CaptureSplit actual) {
        SnapshotSplit s = (SnapshotSplit) actual;
        assertThat(s.table()).isEqualTo(expected.table());
        assertThat(s.finished()).isEqualTo(expected.finished());
        assertThat(s.firstCreateTable()).isEqualTo(expected.firstCreateTable());
        assertThat(s.order()).isEqualTo(expected.order());
        assertThat(s.chunks()).hasSameSizeAs(expected.chunks());
        for (int i = 0; i < s.chunks().size(); i++) {
            assertThat(s.chunks().get(i).position()).isEqualTo(expected.chunks().get(i).position());
            assertThat(s.chunks().get(i).upperKey()).isEqualTo(expected.chunks().get(i).upperKey());
        }
    }
}

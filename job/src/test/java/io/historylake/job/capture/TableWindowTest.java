package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableWindowTest {

    private static final KeyOrder INT_KEY =
            new KeyOrder(
                    List.of(new Column("id", "INT", -1, -1, false, List.of(), LakeType.INT)),
                    Arrays.asList((String) null));
    private static final KeyOrder.Collations NO_SERVER =
            (a, b, c) -> {
                throw new AssertionError("no character key here");
            };

    /** Chunks (..10] read at 100, (10..20] at 200, (20..] at 300. */
    private static final TableWindow WINDOW =
            new TableWindow(
                    new TableId("db", "t"),
                    INT_KEY,
                    List.of(
                            new TableWindow.Chunk(new Object[] {10}, at(100)),
                            new TableWindow.Chunk(new Object[] {20}, at(200)),
                            new TableWindow.Chunk(null, at(300))));

    @Test
    void aChangeBeforeTheFirstChunkIsInTheSnapshotWhateverItsKey() {
        assertThat(WINDOW.holds(at(50), new Object[] {1}, NO_SERVER)).isTrue();
        assertThat(WINDOW.holds(at(50), new Object[] {99}, NO_SERVER)).isTrue();
    }

    @Test
    void aChangeBetweenChunksIsInTheSnapshotOnlyIfItsChunkWasReadLater() {
        assertThat(WINDOW.holds(at(150), new Object[] {10}, NO_SERVER)).isFalse();
        assertThat(WINDOW.holds(at(150), new Object[] {11}, NO_SERVER)).isTrue();
        assertThat(WINDOW.holds(at(250), new Object[] {20}, NO_SERVER)).isFalse();
        assertThat(WINDOW.holds(at(250), new Object[] {21}, NO_SERVER)).isTrue();
    }

    @Test
    void aChangeAtAChunksPositionIsNotInThatChunk() {
        assertThat(WINDOW.holds(at(200), new Object[] {15}, NO_SERVER)).isFalse();
        assertThat(WINDOW.holds(at(200), new Object[] {25}, NO_SERVER)).isTrue();
        assertThat(
                        WINDOW.holds(
                                new BinlogPosition("binlog.000001", 199, 3),
                                new Object[] {15},
                                NO_SERVER))
                .isTrue();
    }

    @Test
    void aChangeAfterTheLastChunkIsNew() {
        assertThat(WINDOW.holds(at(300), new Object[] {25}, NO_SERVER)).isFalse();
        assertThat(
                        WINDOW.holds(
                                new BinlogPosition("binlog.000002", 4, 0),
                                new Object[] {1},
                                NO_SERVER))
                .isFalse();
        assertThat(WINDOW.end()).isEqualTo(at(300));
        assertThat(WINDOW.start()).isEqualTo(at(100));
    }

    @Test
    void characterKeysCompareOnTheServerUnderTheColumnsCollation() {
        KeyOrder text =
                new KeyOrder(
                        List.of(
                                new Column(
                                        "code",
                                        "VARCHAR",
                                        10,
                                        -1,
                                        false,
                                        List.of(),
                                        LakeType.STRING)),
                        List.of("utf8mb4 utf8mb4_general_ci"));
        TableWindow window =
                new TableWindow(
                        new TableId("db", "t"),
                        text,
                        List.of(
                                new TableWindow.Chunk(new Object[] {"b"}, at(100)),
                                new TableWindow.Chunk(null, at(200))));
        KeyOrder.Collations caseBlind =
                (a, b, collation) -> {
                    assertThat(collation).isEqualTo("utf8mb4 utf8mb4_general_ci");
                    return a.compareToIgnoreCase(b);
                };
        assertThat(window.holds(at(150), new Object[] {"B"}, caseBlind)).isFalse();
        assertThat(window.holds(at(150), new Object[] {"C"}, caseBlind)).isTrue();
    }

    private static BinlogPosition at(long position) {
        return new BinlogPosition("binlog.000001", position, 0);
    }
}

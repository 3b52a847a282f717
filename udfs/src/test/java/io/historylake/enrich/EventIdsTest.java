package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.testing.Changes;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void theSameChangeReadTwiceHasTheSameId() {
        assertThat(EventIds.of(Changes.insert(1, "a", 100), 0))
                .isEqualTo(EventIds.of(Changes.insert(1, "a", 100), 0));
        assertThat(EventIds.of(Changes.snapshot(1, "a"), 42))
                .isEqualTo(EventIds.of(Changes.snapshot(1, "b"), 42));
    }

    @Test
    void changesAtOtherCoordinatesOrKeysHaveOtherIds() {
        RowChange first = Changes.insert(1, "a", 100);
        RowChange nextRow =
                RowChange.of(
                        first.schema(),
                        Op.CREATE,
                        null,
                        first.after(),
                        0,
                        new BinlogPosition("binlog.000001", 100, 1));
        assertThat(EventIds.of(first, 0))
                .isNotEqualTo(EventIds.of(Changes.insert(1, "a", 101), 0))
                .isNotEqualTo(EventIds.of(nextRow, 0));
        assertThat(EventIds.of(Changes.snapshot(1, "a"), 42))
                .isNotEqualTo(EventIds.of(Changes.snapshot(2, "a"), 42))
                .isNotEqualTo(EventIds.of(Changes.snapshot(1, "a"), 43));
    }

    @Test
    void aPrimaryKeyUpdateSplitIntoDeleteAndInsertGivesTwoIds() {
        RowChange delete = Changes.delete(1, "a", 100);
        RowChange insert = Changes.insert(2, "a", 100);
        assertThat(EventIds.of(delete, 0)).isNotEqualTo(EventIds.of(insert, 0));
    }

    @Test
    void idsAreVersion3UuidsOfTheChangesCoordinatesAsEveryEarlierReleaseWroteThem() {
        byte[] binlogKey = "shop.orders|b|binlog.000001|100|0|c".getBytes(StandardCharsets.UTF_8);
        byte[] snapshotKey = "shop.orders|s|42|1:1".getBytes(StandardCharsets.UTF_8);
        assertThat(EventIds.of(Changes.insert(1, "a", 100), 0))
                .isEqualTo(UUID.nameUUIDFromBytes(binlogKey).toString());
        assertThat(EventIds.of(Changes.snapshot(1, "a"), 42))
                .isEqualTo(UUID.nameUUIDFromBytes(snapshotKey).toString());
        for (int length = 0; length < 300; length += 7) {
            byte[] name = new byte[length];
            new Random(length).nextBytes(name);
            assertThat(EventIds.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name).toString());
        }
    }
}

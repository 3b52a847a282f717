package io.historylake.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.RowChange;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.junit.jupiter.api.Test;

class LakeBucketingTest {

    private static final long DAY = 86_400_000_000L;
    private final LakeBucketing bucketing = new LakeBucketing(1_000, "dt");

    @Test
    void rowsGoToTheirTableAndUtcCommitDate() {
        assertThat(bucketing.getBucketId(row(1, 0L), null)).isEqualTo("shop/orders/dt=1970-01-01");
        assertThat(bucketing.getBucketId(row(1, 20_000 * DAY - 1), null))
                .isEqualTo("shop/orders/dt=2024-10-03");
        assertThat(bucketing.getBucketId(row(1, -1L), null)).isEqualTo("shop/orders/dt=1969-12-31");
        assertThat(new LakeBucketing(1, "_dt").getBucketId(row(1, 0L), null))
                .isEqualTo("shop/orders/_dt=1970-01-01");
    }

    @Test
    void aPartFileRollsBeforeARowOfAnotherSchemaVersionOfItsBucket() throws Exception {
        PartFileInfo<String> part = part("shop/orders/dt=1970-01-01", 10);
        bucketing.getBucketId(row(1, 0L), null);
        bucketing.getBucketId(row(1, 0L), null);
        assertThat(bucketing.shouldRollOnEvent(part, row(1, 0L))).isFalse();
        bucketing.getBucketId(row(2, 0L), null);
        assertThat(bucketing.shouldRollOnEvent(part, row(2, 0L))).isTrue();
        bucketing.getBucketId(row(2, 0L), null);
        assertThat(bucketing.shouldRollOnEvent(part, row(2, 0L))).isFalse();
    }

    @Test
    void anotherBucketsVersionDoesNotRollThisOne() throws Exception {
        bucketing.getBucketId(row(1, 0L), null);
        bucketing.getBucketId(row(5, DAY), null);
        bucketing.getBucketId(row(1, 0L), null);
        assertThat(bucketing.shouldRollOnEvent(part("shop/orders/dt=1970-01-01", 10), row(1, 0L)))
                .isFalse();
    }

    @Test
    void aPartFileRollsAtTheTargetSizeAndOnEveryCheckpoint() throws Exception {
        bucketing.getBucketId(row(1, 0L), null);
        bucketing.getBucketId(row(1, 0L), null);
        assertThat(
                        bucketing.shouldRollOnEvent(
                                part("shop/orders/dt=1970-01-01", 1_000), row(1, 0L)))
                .isTrue();
        assertThat(bucketing.shouldRollOnCheckpoint(part("shop/orders/dt=1970-01-01", 1))).isTrue();
    }

    @Test
    void aPartFilesSizeIsCheckedOnTheRowAfterItOpensAndThenEverySixtyFourRows() throws Exception {
        long[] size = {0};
        long[] sizeChecks = {0};
        PartFileInfo<String> growing = part("shop/orders/dt=1970-01-01", size, sizeChecks);
        bucketing.getBucketId(row(1, 0L), null); // the sink opens the part for the first row
        size[0] += 10;
        int rolledAt = 0;
        for (int rows = 2; rolledAt == 0; rows++) {
            size[0] += 10; // the target, 1000 bytes, is reached at row 100
            bucketing.getBucketId(row(1, 0L), null);
            if (bucketing.shouldRollOnEvent(growing, row(1, 0L))) {
                rolledAt = rows;
            }
        }
        assertThat(rolledAt).isEqualTo(2 + 2 * LakeBucketing.SIZE_CHECK_EVERY);
        assertThat(sizeChecks[0]).isEqualTo(3);
    }

    @Test
    void onlyTheMostRecentlyUsedBucketsAreRemembered() {
        for (int day = 0; day < 3 * LakeBucketing.MAX_BUCKETS; day++) {
            bucketing.getBucketId(row(1, day * DAY), null);
        }
        assertThat(bucketing.rememberedBuckets()).isEqualTo(LakeBucketing.MAX_BUCKETS);
    }

    @Test
    void aBucketForgottenWhileItsPartIsOpenRollsThatPartBeforeItsNextRow() throws Exception {
        PartFileInfo<String> open = part("shop/orders/dt=1970-01-01", 10);
        bucketing.getBucketId(row(1, 0L), null);
        for (int day = 1; day < LakeBucketing.MAX_BUCKETS; day++) { // fills the memory exactly
            bucketing.getBucketId(row(1, day * DAY), null);
        }
        bucketing.getBucketId(row(1, 0L), null);
        assertThat(bucketing.shouldRollOnEvent(open, row(1, 0L))).isFalse();

        for (int day = 1; day <= LakeBucketing.MAX_BUCKETS; day++) { // one more: day 0 forgotten
            bucketing.getBucketId(row(1, (LakeBucketing.MAX_BUCKETS + day) * DAY), null);
        }
        bucketing.getBucketId(row(1, 0L), null);
        assertThat(bucketing.shouldRollOnEvent(open, row(1, 0L))).isTrue();
    }

    private static RowChange row(int version, long micros) {
        return SinkRows.insert("orders", version, micros, 0, 1);
    }

    private static PartFileInfo<String> part(String bucket, long size) {
        return part(bucket, new long[] {size}, new long[1]);
    }

    /** A part file of a given (changing) size that counts how often its size is asked for. */
    private static PartFileInfo<String> part(String bucket, long[] size, long[] sizeChecks) {
        return new PartFileInfo<>() {
            @Override
            public String getBucketId() {
                return bucket;
            }

            @Override
            public long getCreationTime() {
                return 0;
            }

            @Override
            public long getSize() {
                sizeChecks[0]++;
                return size[0];
            }

            @Override
            public long getLastUpdateTime() {
                return 0;
            }
        };
    }
}

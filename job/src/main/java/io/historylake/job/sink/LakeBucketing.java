package io.historylake.job.sink;

import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * The lake layout and when part files roll, in one object so that both see every row: rows go to
 * {@code <database>/<table>/dt=YYYY-MM-DD} (UTC date of {@code _event_time}); a part file rolls on
 * every checkpoint (exactly-once), at the target size (checked every {@value #SIZE_CHECK_EVERY}
 * rows of a bucket), and before a row of another schema version than the previous row of its bucket
 * (one Parquet schema per file). It remembers the {@value #MAX_BUCKETS} buckets that most recently
 * had rows; a bucket forgotten while its part file is open rolls that file before its next row.
 */
public final class LakeBucketing extends CheckpointRollingPolicy<RowChange, String>
        implements BucketAssigner<RowChange, String> {

    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int NONE = Integer.MIN_VALUE;

    /** Rows of a bucket between two size checks (the stream's position can be a system call). */
    static final int SIZE_CHECK_EVERY = 64;

    /** Buckets remembered (one per table and day that had rows), least recently used forgotten. */
    static final int MAX_BUCKETS = 4096;

    private final long targetFileBytes;
    private final String partitionPrefix;
    private transient Map<String, BucketState> buckets;
    private transient TableId lastTable;
    private transient long lastDay;
    private transient BucketState last;

    /**
     * @param targetFileBytes a part file rolls when it reaches this size
     * @param partitionColumn name of the date partition directory, {@code dt} by default
     */
    public LakeBucketing(long targetFileBytes, String partitionColumn) {
        this.targetFileBytes = targetFileBytes;
        this.partitionPrefix = "/" + partitionColumn + "=";
    }

    @Override
    public String getBucketId(RowChange row, Context context) {
        long day = Math.floorDiv(row.eventTimeMicros(), MICROS_PER_DAY);
        if (last == null || day != lastDay || !row.table().equals(lastTable)) {
            if (buckets == null) {
                buckets = new RecentBuckets();
            }
            String bucket = row.table().lakePath() + partitionPrefix + LocalDate.ofEpochDay(day);
            last = buckets.computeIfAbsent(bucket, BucketState::new);
            lastTable = row.table();
            lastDay = day;
        }
        last.previousVersion = last.lastVersion;
        last.lastVersion = row.schemaVersion();
        return last.bucket;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<String> part, RowChange row)
            throws java.io.IOException {
        BucketState state = last != null && last.bucket.equals(part.getBucketId()) ? last : null;
        if (state == null && buckets != null) {
            state = buckets.get(part.getBucketId());
        }
        if (state == null) {
            return part.getSize() >= targetFileBytes;
        }
        if (state.previousVersion != row.schemaVersion()) {
            // NONE: the bucket was forgotten while this part was open; its version is unknown
            return true;
        }
        if (--state.rowsToSizeCheck > 0) {
            return false;
        }
        state.rowsToSizeCheck = SIZE_CHECK_EVERY;
        return part.getSize() >= targetFileBytes;
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<String> part, long currentTime) {
        return false;
    }

    /** How many buckets are remembered (for tests). */
    int rememberedBuckets() {
        return buckets == null ? 0 : buckets.size();
    }

    /** Bucket states in access order; the least recently used goes beyond {@link #MAX_BUCKETS}. */
    private static final class RecentBuckets extends LinkedHashMap<String, BucketState> {
        private static final long serialVersionUID = 1L;

        RecentBuckets() {
            super(64, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BucketState> eldest) {
            return size() > MAX_BUCKETS;
        }
    }

    /** A bucket's id, the schema versions of its last two rows, and rows to the next size check. */
    private static final class BucketState {
        final String bucket;
        int lastVersion = NONE;
        int previousVersion = NONE;
        int rowsToSizeCheck = 1;

        BucketState(String bucket) {
            this.bucket = bucket;
        }
    }
}

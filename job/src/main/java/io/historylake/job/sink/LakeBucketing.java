package io.historylake.job.sink;

import io.historylake.model.RowChange;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * The lake layout and when part files roll, in one object so that both see every row: rows go to
 * {@code <database>/<table>/dt=YYYY-MM-DD} (UTC date of {@code _event_time}); a part file rolls on
 * every checkpoint (exactly-once), at the target size, and before a row of another schema version
 * than the previous row of its bucket (one Parquet schema per file).
 */
public final class LakeBucketing extends CheckpointRollingPolicy<RowChange, String>
        implements BucketAssigner<RowChange, String> {

    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final long targetFileBytes;
    private final String partitionPrefix;
    private transient Map<String, Integer> lastVersion;
    private transient Map<String, Integer> previousVersion;
    private transient long cachedDay = Long.MIN_VALUE;
    private transient String cachedDate;

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
        String bucket = row.table().lakePath() + partitionPrefix + date(row.eventTimeMicros());
        if (lastVersion == null) {
            lastVersion = new HashMap<>();
            previousVersion = new HashMap<>();
        }
        previousVersion.put(bucket, lastVersion.put(bucket, row.schemaVersion()));
        return bucket;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<String> part, RowChange row)
            throws java.io.IOException {
        Integer previous = previousVersion == null ? null : previousVersion.get(part.getBucketId());
        return (previous != null && previous != row.schemaVersion())
                || part.getSize() >= targetFileBytes;
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<String> part, long currentTime) {
        return false;
    }

    private String date(long micros) {
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        if (day != cachedDay || cachedDate == null) {
            cachedDay = day;
            cachedDate = LocalDate.ofEpochDay(day).toString();
        }
        return cachedDate;
    }
}

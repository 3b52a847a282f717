package io.historylake.job.sink;

import io.historylake.model.TableId;
import io.historylake.schema.QuarantineReleases;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.fs.Path;

/**
 * The quarantine's place in the lake, {@code <lake>/_quarantine/<db>/<table>/}, and the release
 * markers ({@code _released-v<N>}) that {@code history-lake quarantine release} leaves there. The
 * job looks for a marker at most every few seconds per table.
 */
public final class LakeQuarantine implements QuarantineReleases {

    private static final long serialVersionUID = 1L;
    private static final long CHECK_EVERY_MILLIS = 5_000;

    private final Path lake;
    private transient Map<String, Long> lastCheck;

    public LakeQuarantine(Path lake) {
        this.lake = lake;
    }

    /** The quarantine root of the lake. */
    public static Path root(Path lake) {
        return new Path(lake, "_quarantine");
    }

    /** Where a table's quarantined rows and schema versions are. */
    public static Path of(Path lake, TableId table) {
        return new Path(root(lake), table.lakePath());
    }

    /** The marker that releases a schema version of a table. */
    public static Path marker(Path lake, TableId table, int version) {
        return new Path(of(lake, table), "_released-v" + version);
    }

    @Override
    public boolean released(TableId table, int version) throws IOException {
        if (lastCheck == null) {
            lastCheck = new HashMap<>();
        }
        long now = System.currentTimeMillis();
        String key = table.qualified() + "@" + version;
        Long last = lastCheck.get(key);
        if (last != null && now - last < CHECK_EVERY_MILLIS) {
            return false;
        }
        lastCheck.put(key, now);
        Path marker = marker(lake, table, version);
        return marker.getFileSystem().exists(marker);
    }
}

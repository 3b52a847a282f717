package io.historylake.job.capture;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/** What readers and the enumerator tell each other. */
final class CaptureEvents {

    private CaptureEvents() {}

    /** A reader has read these tables' snapshots to the end (sent again after a restore). */
    record SnapshotsFinished(List<byte[]> splits) implements SourceEvent {}

    /**
     * The binlog split is assigned and carries every finished snapshot: readers may forget them.
     */
    record SnapshotsMerged() implements SourceEvent {}
}

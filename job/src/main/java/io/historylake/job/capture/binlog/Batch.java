package io.historylake.job.capture.binlog;

import io.historylake.model.CdcEvent;
import java.util.List;

/**
 * Records handed from the binlog thread to the reader at once (those of one rows event, or one
 * DDL), with the state after them; a checkpoint falls between batches, never inside one.
 *
 * @param events the records, possibly none (a commit or heartbeat moves the state on)
 * @param state the state once the records are emitted
 * @param reachedEnd whether a bounded run has read up to its stop position
 */
public record Batch(List<CdcEvent> events, BinlogState state, boolean reachedEnd) {}

package io.historylake.job.capture;

import org.apache.flink.api.connector.source.SourceSplit;

/** A unit of the native capture's work: one table's snapshot, or the binlog. */
public sealed interface CaptureSplit extends SourceSplit permits SnapshotSplit, BinlogSplit {}

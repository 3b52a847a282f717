package io.historylake.job.capture;

import io.historylake.job.capture.binlog.BinlogState;

/** The binlog, read by one reader from {@code state} on. */
public record BinlogSplit(BinlogState state) implements CaptureSplit {

    public static final String ID = "binlog";

    @Override
    public String splitId() {
        return ID;
    }
}

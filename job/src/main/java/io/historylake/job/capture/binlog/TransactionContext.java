package io.historylake.job.capture.binlog;

/**
 * The transaction being read: where it starts, its GTID, the statement text of its current rows
 * events (MariaDB ANNOTATE_ROWS, MySQL ROWS_QUERY) and how many rows events it has had.
 */
final class TransactionContext {

    private boolean open;
    private String startFile;
    private long startPosition;
    private String gtid;
    private String query;
    private int rowsEvents;

    void begin(String file, long position, String transactionGtid) {
        open = true;
        startFile = file;
        startPosition = position;
        gtid = transactionGtid;
        query = null;
        rowsEvents = 0;
    }

    /** A rows event outside a transaction's start (e.g. after a DDL): it starts one here. */
    void ensureOpen(String file, long position) {
        if (!open) {
            begin(file, position, null);
        }
    }

    void end() {
        open = false;
        query = null;
        rowsEvents = 0;
    }

    boolean open() {
        return open;
    }

    String gtid() {
        return gtid;
    }

    void query(String statement) {
        query = statement;
    }

    String query() {
        return query;
    }

    /** The transaction id: its GTID, else {@code file:position} of its first event. */
    String id() {
        return gtid != null ? gtid : startFile + ":" + startPosition;
    }

    /** Counts a rows event; returns its number in the transaction, from 1. */
    int nextRowsEvent() {
        return ++rowsEvents;
    }
}

package io.historylake.model;

import java.io.Serializable;

/**
 * Where in the source's history a change was made: its transaction and statement, as the binlog
 * tells them (snapshot reads have none: {@link #NONE}).
 *
 * @param gtid the transaction's GTID when the server has one, else null
 * @param query the SQL statement that made the change when the binlog carries it, else null
 * @param txId the transaction: its GTID, else {@code file:position} of its first event; null for
 *     snapshot reads
 * @param txOrder orders the rows of a transaction (a pure function of binlog coordinates)
 * @param pkChanged whether the change is half of a primary-key update (delete of the old key or
 *     insert of the new one)
 */
public record SourceContext(String gtid, String query, String txId, long txOrder, boolean pkChanged)
        implements Serializable {

    /** No transaction or statement known. */
    public static final SourceContext NONE = new SourceContext(null, null, null, 0L, false);
}

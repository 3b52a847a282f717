package io.historylake.model;

import java.io.Serializable;
import java.util.List;

/**
 * What the row-history step adds to a change: the row's version, the columns it changed, and who
 * made it in which request.
 *
 * @param version 1 for the first change seen of a primary key, +1 for each later change
 * @param changedColumns columns whose value differs between before and after (updates only)
 * @param userId who made the change (SQL comment tag, else the configured column), or null
 * @param requestId the request the change was made in (SQL comment tag), or null
 */
public record RowHistory(long version, List<String> changedColumns, String userId, String requestId)
        implements Serializable {

    public RowHistory {
        changedColumns = List.copyOf(changedColumns);
    }
}

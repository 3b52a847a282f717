package io.historylake.enrich;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Who made a change and in which request. First match wins: the statement's sqlcommenter tags
 * ({@code userTag}, {@code requestTag}), then a column of the row: the table's configured column,
 * else {@code created_by} for inserts and snapshot reads, {@code updated_by} for updates, and
 * {@code deleted_by} then {@code updated_by} of the before image for deletes. Both halves of a
 * primary-key update are attributed as the update they are, from the row under its new key.
 *
 * @param userTag the sqlcommenter tag naming the user, e.g. {@code user_id}
 * @param requestTag the sqlcommenter tag naming the request, e.g. {@code request_id}
 * @param userColumns per table, the column that names the user for every op
 */
public record AttributionRules(String userTag, String requestTag, Map<TableId, String> userColumns)
        implements Serializable {

    /** The defaults: tags {@code user_id} and {@code request_id}, conventional columns. */
    public static AttributionRules defaults() {
        return new AttributionRules("user_id", "request_id", Map.of());
    }

    public AttributionRules {
        userColumns = Map.copyOf(userColumns);
    }

    /** The user id, or null when neither the statement nor the row names one. */
    public String userId(RowChange change, Map<String, String> tags) {
        String tagged = tags.get(userTag);
        if (tagged != null && !tagged.isEmpty()) {
            return tagged;
        }
        String configured = userColumns.get(change.table());
        Op op = change.pkChanged() ? Op.UPDATE : change.op();
        List<String> candidates =
                configured != null
                        ? List.of(configured)
                        : switch (op) {
                            case READ, CREATE -> List.of("created_by", "updated_by");
                            case UPDATE -> List.of("updated_by");
                            case DELETE -> List.of("deleted_by", "updated_by");
                        };
        Object[] image = op == Op.DELETE ? change.before() : change.after();
        TableSchema schema = change.schema();
        for (String column : candidates) {
            int index = schema.indexOf(column);
            if (index >= 0 && image[index] != null) {
                return image[index].toString();
            }
        }
        return null;
    }

    /** The request id from the statement's tags, or null. */
    public String requestId(Map<String, String> tags) {
        String tagged = tags.get(requestTag);
        return tagged == null || tagged.isEmpty() ? null : tagged;
    }
}

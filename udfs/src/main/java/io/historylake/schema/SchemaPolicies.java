package io.historylake.schema;

import io.historylake.model.TableId;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schema policy of each table: the first pattern (a regular expression over {@code
 * database.table}) that matches decides, else the default.
 */
public final class SchemaPolicies implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SchemaPolicy defaultPolicy;
    private final List<String> patterns;
    private final List<SchemaPolicy> policies;
    private transient List<Pattern> compiled;

    /**
     * @param perTable policies by table pattern, in matching order
     */
    public SchemaPolicies(SchemaPolicy defaultPolicy, Map<String, SchemaPolicy> perTable) {
        this.defaultPolicy = defaultPolicy;
        Map<String, SchemaPolicy> ordered = new LinkedHashMap<>(perTable);
        this.patterns = List.copyOf(ordered.keySet());
        this.policies = List.copyOf(ordered.values());
        patterns.forEach(Pattern::compile);
    }

    /** The same policy for every table. */
    public static SchemaPolicies all(SchemaPolicy policy) {
        return new SchemaPolicies(policy, Map.of());
    }

    /** The policy of a table. */
    public SchemaPolicy forTable(TableId table) {
        if (compiled == null) {
            compiled = patterns.stream().map(Pattern::compile).toList();
        }
        String name = table.database() + "." + table.table();
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matcher(name).matches()) {
                return policies.get(i);
            }
        }
        return defaultPolicy;
    }

    @Override
    public String toString() {
        return "SchemaPolicies{default="
                + defaultPolicy
                + ", tables="
                + patterns
                + "->"
                + policies
                + "}";
    }
}

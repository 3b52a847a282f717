package io.historylake.mask;

import io.historylake.enrich.SqlComments;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SourceContext;
import io.historylake.model.TableSchema;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Per-column masking of personal data: the first rule whose pattern matches {@code
 * database.table.column} decides (drop, salted hash, or null). A masked table's statement text is
 * cut down to its sqlcommenter tags, so no value of it survives in {@code _query}. The salt is
 * never shown by {@link #toString()}.
 */
public final class MaskingRules implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> patterns;
    private final List<MaskAction> actions;
    private final byte[] salt;
    private transient List<Pattern> compiled;
    private transient Map<TableSchema, Plan> plans;

    public MaskingRules(Map<String, MaskAction> rules, byte[] salt) {
        this.patterns = List.copyOf(rules.keySet());
        this.actions = List.copyOf(rules.values());
        this.salt = salt.clone();
        if (actions.contains(MaskAction.HASH) && salt.length == 0) {
            throw new IllegalArgumentException("Hash masking needs a salt");
        }
    }

    /** No masking. */
    public static MaskingRules none() {
        return new MaskingRules(Map.of(), new byte[0]);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The action for a column, or null when no rule matches. */
    public MaskAction actionFor(String database, String table, String column) {
        if (compiled == null) {
            compiled = patterns.stream().map(Pattern::compile).toList();
        }
        String name = database + "." + table + "." + column;
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matcher(name).matches()) {
                return actions.get(i);
            }
        }
        return null;
    }

    /** The row with its masked columns dropped, hashed or nulled. */
    public RowChange apply(RowChange row) {
        Plan plan = plan(row.schema());
        if (plan.identity) {
            return row;
        }
        SourceContext source = row.source();
        return new RowChange(
                plan.schema,
                row.op(),
                plan.image(row.before(), this),
                plan.image(row.after(), this),
                row.eventTimeMicros(),
                row.position(),
                new SourceContext(
                        source.gtid(),
                        tagsOnly(source.query()),
                        source.txId(),
                        source.txOrder(),
                        source.pkChanged()),
                row.landing(),
                row.eventId(),
                row.history());
    }

    /** The schema change with the masked table schema. */
    public SchemaChange apply(SchemaChange change) {
        if (change.newSchema() == null) {
            return change;
        }
        return new SchemaChange(
                change.table(),
                change.ddl(),
                change.eventTimeMicros(),
                change.position(),
                plan(change.newSchema()).schema);
    }

    /** The salted SHA-256 of a value, in hex. */
    public String hash(Object value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(
                    value instanceof byte[] bytes
                            ? bytes
                            : value.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Plan plan(TableSchema schema) {
        if (plans == null) {
            plans = new java.util.IdentityHashMap<>();
        }
        return plans.computeIfAbsent(schema, this::newPlan);
    }

    private Plan newPlan(TableSchema schema) {
        List<Column> columns = new ArrayList<>();
        MaskAction[] perColumn = new MaskAction[schema.columns().size()];
        for (int i = 0; i < perColumn.length; i++) {
            Column column = schema.columns().get(i);
            perColumn[i] =
                    actionFor(schema.table().database(), schema.table().table(), column.name());
            if (perColumn[i] != null
                    && perColumn[i] != MaskAction.HASH
                    && schema.primaryKey().contains(column.name())) {
                throw new IllegalStateException(
                        "Masking rule "
                                + perColumn[i]
                                + " on primary-key column "
                                + schema.table()
                                + "."
                                + column.name()
                                + " would merge rows: use hash for key columns");
            }
            if (perColumn[i] == MaskAction.DROP) {
                continue;
            }
            columns.add(
                    perColumn[i] == MaskAction.HASH
                            ? new Column(
                                    column.name(),
                                    column.mysqlType(),
                                    column.length(),
                                    column.scale(),
                                    column.nullable(),
                                    List.of(),
                                    LakeType.STRING)
                            : column);
        }
        boolean identity = java.util.Arrays.stream(perColumn).allMatch(a -> a == null);
        return new Plan(
                new TableSchema(schema.table(), columns, schema.primaryKey()), perColumn, identity);
    }

    private static String tagsOnly(String query) {
        if (query == null) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>(SqlComments.tags(query));
        if (tags.isEmpty()) {
            return null;
        }
        StringBuilder comment = new StringBuilder("/*");
        tags.forEach(
                (k, v) -> {
                    if (comment.length() > 2) {
                        comment.append(',');
                    }
                    comment.append(encode(k)).append("='").append(encode(v)).append('\'');
                });
        return comment.append("*/").toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "MaskingRules" + patterns + "->" + actions + " (salt ****)";
    }

    /** How one table schema is masked. */
    private record Plan(TableSchema schema, MaskAction[] actions, boolean identity) {
        Object[] image(Object[] image, MaskingRules rules) {
            if (image == null) {
                return null;
            }
            Object[] out = new Object[schema.columns().size()];
            int j = 0;
            for (int i = 0; i < image.length; i++) {
                MaskAction action = actions[i];
                if (action == MaskAction.DROP) {
                    continue;
                }
                out[j++] =
                        action == null || image[i] == null
                                ? image[i]
                                : action == MaskAction.HASH ? rules.hash(image[i]) : null;
            }
            return out;
        }
    }
}

package io.historylake.enrich;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads sqlcommenter tags from a statement's comments: {@code /*key='value',other='v%20x'*&#47;},
 * keys and values URL-decoded, values in single quotes (with {@code \'} escapes), as the
 * sqlcommenter specification defines. Later comments win over earlier ones.
 */
public final class SqlComments {

    private SqlComments() {}

    /** All tags of all block comments of the statement; empty for null or no comment. */
    public static Map<String, String> tags(String sql) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (sql == null) {
            return tags;
        }
        int from = 0;
        while (true) {
            int start = sql.indexOf("/*", from);
            if (start < 0) {
                return tags;
            }
            int end = sql.indexOf("*/", start + 2);
            if (end < 0) {
                return tags;
            }
            parse(sql.substring(start + 2, end), tags);
            from = end + 2;
        }
    }

    private static void parse(String comment, Map<String, String> tags) {
        int i = 0;
        int n = comment.length();
        while (i < n) {
            while (i < n
                    && (comment.charAt(i) == ',' || Character.isWhitespace(comment.charAt(i)))) {
                i++;
            }
            int eq = comment.indexOf('=', i);
            if (eq < 0 || eq + 1 >= n || comment.charAt(eq + 1) != '\'') {
                return; // not a sqlcommenter comment (or its end)
            }
            String key = comment.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < n && comment.charAt(j) != '\'') {
                if (comment.charAt(j) == '\\' && j + 1 < n) {
                    j++;
                }
                value.append(comment.charAt(j++));
            }
            if (j >= n) {
                return; // unterminated value
            }
            if (!key.isEmpty()) {
                tags.put(decode(key), decode(value.toString()));
            }
            i = j + 1;
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // not URL-encoded after all
        }
    }
}

package io.historylake.job.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names nearest to a mistyped one, for "did you mean ...?". */
public final class Suggestions {

    /** At most this many names are suggested. */
    static final int MAX = 3;

    private Suggestions() {}

    /**
     * The names at the smallest edit distance from {@code typed} (a typo: a few letters wrong,
     * missing, extra or swapped); failing that, the names that {@code typed} is a dotted part of
     * ({@code host} for {@code mysql.host}).
     */
    public static List<String> nearest(String typed, Collection<String> known) {
        String word = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, word.length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> nearest = new ArrayList<>();
        for (String name : known) {
            int distance = distance(word, name);
            if (distance > limit || distance > best) {
                continue;
            }
            if (distance < best) {
                best = distance;
                nearest.clear();
            }
            nearest.add(name);
        }
        if (nearest.isEmpty()) {
            for (String name : known) {
                if (name.endsWith("." + word) || name.startsWith(word + ".")) {
                    nearest.add(name);
                }
            }
        }
        nearest.sort(Comparator.naturalOrder());
        return nearest.subList(0, Math.min(MAX, nearest.size()));
    }

    /**
     * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
     * and swaps of two adjacent characters each count one.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

package flow.util;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "(did you mean memory?)" for a name that is a typo of a known one. */
public final class Suggestions {
    private Suggestions() {}

    /** The known names within two edits of {@code given} (a swap of neighbours is one), nearest first; "" if none. */
    public static String didYouMean(String given, Collection<String> known) {
        List<String> close = known.stream().filter(k -> distance(given.toLowerCase(), k.toLowerCase()) <= 2)
                .sorted(Comparator.comparingInt((String k) -> distance(given.toLowerCase(), k.toLowerCase())).thenComparing(k -> k))
                .limit(3).toList();
        return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

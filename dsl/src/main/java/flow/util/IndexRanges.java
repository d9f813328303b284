package flow.util;

import java.util.List;

/** Sorted task indices written compactly, {@code 0-2,5,7-9} (the form SLURM's --array takes too). */
public final class IndexRanges {
    private IndexRanges() {}

    public static String format(List<Integer> sorted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (out.length() > 0) out.append(',');
            out.append(sorted.get(i));
            if (j > i) out.append('-').append(sorted.get(j));
            i = j + 1;
        }
        return out.toString();
    }
}

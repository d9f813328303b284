package flow.util;

import java.util.ArrayList;
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

    /** The indices of {@code 0-2,5,7-9} or {@code 0-50:10}; a {@code %K} throttle suffix and brackets are ignored. */
    public static List<Integer> parse(String ranges) {
        String text = ranges.replace("[", "").replace("]", "");
        int percent = text.indexOf('%');
        if (percent >= 0) text = text.substring(0, percent);
        List<Integer> indices = new ArrayList<>();
        if (text.isBlank()) return indices;
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                indices.add(Integer.parseInt(part.strip()));
            } else {
                // SLURM writes a pending array's evenly spaced indices with a step: 0-50:10
                String[] toAndStep = part.substring(dash + 1).split(":");
                int from = Integer.parseInt(part.substring(0, dash).strip());
                int to = Integer.parseInt(toAndStep[0].strip());
                int step = toAndStep.length > 1 ? Integer.parseInt(toAndStep[1].strip()) : 1;
                for (int i = from; i <= to; i += step) indices.add(i);
            }
        }
        return indices;
    }
}

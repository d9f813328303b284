package flow.exec.condor;

import java.util.List;
import java.util.Optional;

/**
 * The resource table at the end of a terminate event (src/condor_utils/condor_event.cpp:1118-1227,
 * formatUsageAd): a header {@code Partitionable Resources :    Usage  Request Allocated} and a
 * row per resource, {@code Memory (MB) :      215      300       300}. Every column after the
 * colon is right-aligned to the same width in the header and the rows, and a value may be
 * blank, so a row's value is read at its header word's place, not counted among its words.
 */
final class UsageTable {
    static final String USAGE = "Usage", REQUEST = "Request";
    private static final String HEADER = "Partitionable Resources :";

    private final String header;
    private final String memoryRow;

    private UsageTable(String header, String memoryRow) {
        this.header = header;
        this.memoryRow = memoryRow;
    }

    static UsageTable of(List<String> body) {
        String header = null, memory = null;
        for (String line : body) {
            if (line.startsWith(HEADER)) header = afterColon(line);
            else if (header != null && line.startsWith("Memory (MB)")) memory = afterColon(line);
        }
        return new UsageTable(header, memory);
    }

    /** The memory row's value in the column headed {@code column}, in MB. */
    Optional<Long> memory(String column) {
        if (header == null || memoryRow == null) return Optional.empty();
        int word = header.indexOf(column);
        if (word < 0) return Optional.empty();
        int end = word + column.length(), start = word; // the value lies between the previous column's end and this one's
        while (start > 0 && header.charAt(start - 1) == ' ') start--;
        if (end > memoryRow.length()) return Optional.empty();
        String value = memoryRow.substring(start, end).strip();
        try {
            return value.isEmpty() ? Optional.empty() : Optional.of((long) Math.ceil(Double.parseDouble(value)));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static String afterColon(String line) {
        return line.substring(line.indexOf(':') + 1);
    }
}

package flow.exec.condor;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTCondor job event log incrementally: each {@link #poll} returns the records completed
 * since the last one (a record ends with a line starting {@code ...}), so a log being written is
 * never read half. Dates in ISO ({@code 2024-01-01 00:00:00[.mmm][Z]}, or with {@code T}) and
 * legacy ({@code MM/DD HH:MM:SS}, no year) form; negative ids; any indentation; lines outside a
 * record are skipped.
 */
public final class EventLogReader {
    private static final Pattern HEADER = Pattern.compile(
            "^(\\d{3}) \\((-?\\d+)\\.(-?\\d+)\\.(-?\\d+)\\) "
                    + "(?:(\\d{4})-(\\d{2})-(\\d{2})[ T]|(\\d{2})/(\\d{2}) )(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?Z? ?(.*)$");

    private final AppendedText log;
    private final int year;

    /** @param year the year of legacy dates, which have none */
    public EventLogReader(Path file, int year) {
        this.log = new AppendedText(file);
        this.year = year;
    }

    public EventLogReader(Path file) {
        this(file, LocalDate.now().getYear());
    }

    /** Records completed since the last call; none if the log does not exist yet. */
    public List<CondorEvent> poll() {
        String text = log.unread();
        if (text.isEmpty()) return List.of();
        List<CondorEvent> events = new ArrayList<>();
        log.consume(text, parse(text, year, events));
        return events;
    }

    /** Every complete record of a whole log text. */
    public static List<CondorEvent> parse(String text, int year) {
        List<CondorEvent> events = new ArrayList<>();
        parse(text, year, events);
        return events;
    }

    /** Parses complete lines; returns how many characters were consumed (up to the last record end). */
    private static int parse(String text, int year, List<CondorEvent> events) {
        Matcher header = null;
        List<String> body = new ArrayList<>();
        int consumed = 0;
        int pos = 0;
        while (pos < text.length()) {
            int newline = text.indexOf('\n', pos);
            if (newline < 0) break; // a line still being written
            String line = text.substring(pos, newline);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            pos = newline + 1;
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                if (header != null) events.add(event(header, body, year)); // a record whose "..." went missing
                header = m;
                body = new ArrayList<>();
            } else if (line.startsWith("...")) {
                if (header != null) events.add(event(header, body, year));
                header = null;
                body = new ArrayList<>();
                consumed = pos;
            } else if (header != null && !line.isBlank()) {
                body.add(line.strip());
            }
            if (header == null && !line.startsWith("...")) consumed = pos; // junk outside records
        }
        return consumed;
    }

    private static CondorEvent event(Matcher m, List<String> body, int year) {
        boolean iso = m.group(5) != null;
        LocalDate date = iso ? LocalDate.of(num(m, 5), num(m, 6), num(m, 7)) : legacyDate(year, num(m, 8), num(m, 9));
        LocalDateTime time = LocalDateTime.of(date, LocalTime.of(num(m, 10), num(m, 11), num(m, 12)));
        return new CondorEvent(num(m, 1), num(m, 2), num(m, 3), num(m, 4), time, m.group(13), List.copyOf(body));
    }

    /** A legacy date has no year: 29 February belongs to the latest leap year up to {@code year}. */
    private static LocalDate legacyDate(int year, int month, int day) {
        int y = year;
        while (month == 2 && day == 29 && !java.time.Year.isLeap(y)) y--;
        return LocalDate.of(y, month, day);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}

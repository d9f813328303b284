package flow.exec.slurm;

import flow.exec.grid.ArrayTaskId;
import flow.run.AttemptFigures;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SLURM's accounting measured of array tasks: {@code sacct -n -P} with {@link #FORMAT}. A
 * task's allocation line ({@code 644_0}) gives its times, total CPU of its steps, request and node;
 * its steps' lines ({@code 644_0.batch}, {@code 644_0.0}) give their peak RSS, of which the
 * largest is the task's. Times are the cluster's local time; "Unknown", "None" or an empty
 * field is unknown.
 */
public final class SacctUsage {
    static final String FORMAT = "JobID,Elapsed,TotalCPU,MaxRSS,ReqMem,State,ExitCode,NodeList,Start,End";

    private static final Pattern JOB_ID = Pattern.compile("(\\d+)_(\\d+)(\\..+)?");
    /** [D-][HH:]MM:SS[.mmm], as sacct prints Elapsed and TotalCPU. */
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)");
    /** A size with SLURM's binary unit (K by default for MaxRSS, M for ReqMem), e.g. 220384K, 1.50G, 300M. */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]?)[nc]?");

    private SacctUsage() {}

    public static Map<ArrayTaskId, AttemptFigures> parse(String output, ZoneId zone) {
        Map<ArrayTaskId, AttemptFigures> byTask = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 10) continue;
            Matcher id = JOB_ID.matcher(f[0]);
            if (!id.matches()) continue; // a range of tasks not yet started: 644_[2-9]
            ArrayTaskId task = new ArrayTaskId(id.group(1), Integer.parseInt(id.group(2)));
            AttemptFigures figures = id.group(3) == null
                    ? new AttemptFigures(instant(f[8], zone), instant(f[9], zone), seconds(f[2]), null, megabytes(f[4], "M"), known(f[7]))
                    : new AttemptFigures(null, null, null, megabytes(f[3], "K"), null, null);
            byTask.merge(task, figures, SacctUsage::combine);
        }
        return byTask;
    }

    /** The allocation's figures with the largest peak of its steps. */
    private static AttemptFigures combine(AttemptFigures a, AttemptFigures b) {
        Long peak = a.peakRssMb() == null ? b.peakRssMb() : b.peakRssMb() == null ? a.peakRssMb() : Long.valueOf(Math.max(a.peakRssMb(), b.peakRssMb()));
        AttemptFigures merged = a.or(b);
        return new AttemptFigures(merged.started(), merged.ended(), merged.cpuSeconds(), peak, merged.requestedMb(), merged.node());
    }

    static Double seconds(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) return null;
        double days = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        double hours = m.group(2) == null ? 0 : Double.parseDouble(m.group(2));
        return ((days * 24 + hours) * 60 + Double.parseDouble(m.group(3))) * 60 + Double.parseDouble(m.group(4));
    }

    static Long megabytes(String text, String defaultUnit) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) return null;
        String unit = m.group(2).isEmpty() ? defaultUnit : m.group(2);
        double mb = Double.parseDouble(m.group(1)) * switch (unit) {
            case "K" -> 1.0 / 1024;
            case "G" -> 1024;
            case "T" -> 1024 * 1024;
            default -> 1;
        };
        return (long) Math.ceil(mb);
    }

    private static String instant(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException unknown) {
            return null;
        }
    }

    private static String known(String text) {
        String t = text.strip();
        return t.isEmpty() || t.equals("None assigned") || t.equals("Unknown") ? null : t;
    }
}

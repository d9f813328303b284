package flow.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage's line of the report: its tasks by the state of their last attempt, retries by the
 * class of the failure that caused them, and the spread of duration, memory and CPU efficiency
 * over its attempts that have figures.
 */
record StageFigures(String stage, int tasks, int done, int failed, int cancelled, Map<String, Integer> retries,
                    double[] duration, double[] memory, double requestedMb, double cpuEfficiency, double cpuHoursUsed,
                    double cpuHoursRequested) {

    /** @param attempts the stage's attempts in trace order; @param cpus its CPUs per task */
    static StageFigures of(String stage, int tasks, List<TraceRows.Row> attempts, int cpus) {
        Map<Integer, TraceRows.Row> last = new TreeMap<>();
        Map<String, Integer> retries = new TreeMap<>();
        for (TraceRows.Row r : attempts) {
            TraceRows.Row before = last.put(r.index(), r);
            if (before != null && !before.failureClass().isEmpty()) retries.merge(before.failureClass(), 1, Integer::sum);
        }
        int done = 0, failed = 0, cancelled = 0;
        for (TraceRows.Row r : last.values()) {
            switch (r.state()) {
                case "done" -> done++;
                case "cancelled" -> cancelled++;
                default -> failed++;
            }
        }
        List<Double> durations = new ArrayList<>(), memories = new ArrayList<>();
        double cpu = 0, wall = 0, requested = Double.NaN;
        for (TraceRows.Row r : attempts) {
            if (!Double.isNaN(r.duration())) durations.add(r.duration());
            if (!Double.isNaN(r.peakRssMb())) memories.add(r.peakRssMb());
            if (!Double.isNaN(r.cpu()) && !Double.isNaN(r.duration())) {
                cpu += r.cpu();
                wall += r.duration();
            }
            if (!Double.isNaN(r.requestedMb())) requested = r.requestedMb();
        }
        return new StageFigures(stage, tasks, done, failed, cancelled, retries, spread(durations), spread(memories), requested,
                wall > 0 ? cpu / (wall * cpus) : Double.NaN, cpu / 3600, wall * cpus / 3600);
    }

    /** min, median, max; empty when there are no figures. */
    private static double[] spread(List<Double> values) {
        if (values.isEmpty()) return new double[0];
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new double[]{sorted[0], median, sorted[n - 1]};
    }

    boolean hasFigures() {
        return duration.length > 0;
    }
}

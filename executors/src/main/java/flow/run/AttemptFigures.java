package flow.run;

/**
 * What one attempt of a task used and when it ran, as far as it is known: from the task's own
 * result (measured by the task wrapper on the step's processes) or from the scheduler's
 * accounting (sacct, HTCondor's terminate event), which also knows a task the scheduler killed
 * before it wrote a result. Null where unknown; times ISO-8601 UTC.
 */
public record AttemptFigures(String started, String ended, Double cpuSeconds, Long peakRssMb, Long requestedMb, String node) {
    public static final AttemptFigures NONE = new AttemptFigures(null, null, null, null, null, null);

    /** The figures a task's result holds (none without a result). */
    public static AttemptFigures of(TaskResult result) {
        if (result == null) return NONE;
        var usage = result.usage();
        return new AttemptFigures(result.started(), result.finished(), usage == null ? null : usage.cpuSeconds(),
                usage == null ? null : usage.peakRssMb(), null, result.host());
    }

    /** These figures, each unknown one taken from {@code other}. */
    public AttemptFigures or(AttemptFigures other) {
        if (other == null) return this;
        return new AttemptFigures(started != null ? started : other.started, ended != null ? ended : other.ended,
                cpuSeconds != null ? cpuSeconds : other.cpuSeconds, peakRssMb != null ? peakRssMb : other.peakRssMb,
                requestedMb != null ? requestedMb : other.requestedMb, node != null ? node : other.node);
    }

    /** With the memory the attempt asked for, where known. */
    public AttemptFigures requesting(Long megabytes) {
        return megabytes == null ? this : new AttemptFigures(started, ended, cpuSeconds, peakRssMb, megabytes, node);
    }
}

package flow.model;

/**
 * {@code batch N, parallel: P}: N tasks of a stage share one batch job (a SLURM array element, an
 * HTCondor proc), run P at a time inside it. Each task keeps its identity, directory and result;
 * only the job is shared. The stage's resources are one task's: the job asks for P times its
 * CPUs and memory and for the time of its ⌈N/P⌉ rounds.
 */
public record Batching(int size, int parallel) {
    public static final Batching NONE = new Batching(1, 1);

    public boolean batched() {
        return size > 1;
    }

    /** How many tasks in a row one slot of the job runs: the job's time is this many times a task's. */
    public int rounds() {
        return (size + parallel - 1) / parallel;
    }
}

package flow.exec.grid;

import flow.model.Resources;

import java.nio.file.Path;
import java.util.List;

/**
 * One array submission: some tasks of one stage. The scheduler's array index plus
 * {@code offset} is the task index (arrays larger than the scheduler allows are split).
 *
 * @param after         job ids that must all succeed first
 * @param afterAny      job ids that must all have ended first (chunks of a split stage)
 * @param corresponding the dependency is per task (SLURM's aftercorr): task i waits for task i
 * @param attempt       submission round of these tasks, passed to the task as FLOW_ATTEMPT
 * @param memoryFactor  the stage's memory multiplied by this (after out-of-memory failures)
 * @param timeFactor    the stage's time limit multiplied by this (after time-limit failures)
 * @param resources     the stage's resources, which the factors scale
 * @param onSubmitHost  the job must run where the run directory is (the cleanup of a stage whose
 *                      jobs have no shared filesystem: it deletes in the run directory)
 * @param name          this submission's name, unique to it and recorded in the ledger before it is
 *                      submitted, so that a head that died before recording the job id can be
 *                      followed by a resume that finds the job by its name
 * @param batches       for a batched stage, the tasks each array index runs (its leader, the first,
 *                      is the index plus {@code offset}); empty when each index runs its own task
 */
public record ArrayJob(String stage, Path script, List<Integer> arrayIndices, int offset, Integer throttle,
                       List<String> after, List<String> afterAny, boolean corresponding, int attempt, int memoryFactor, int timeFactor,
                       Resources resources, boolean onSubmitHost, String name, List<List<Integer>> batches) {
    /** What stands for its job id where it is not known (a dry run): {@code <job:stage>}, the chunk and scaling added when there are any. */
    public String placeholderId() {
        return "<job:" + stage + (offset == 0 ? "" : "+" + offset)
                + (memoryFactor > 1 || timeFactor > 1 ? ":m" + memoryFactor + "t" + timeFactor : "") + ">";
    }
}

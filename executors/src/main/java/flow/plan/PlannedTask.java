package flow.plan;

import java.util.List;
import java.util.Map;

/**
 * One task of a stage. Its index is its directory's name and never changes across re-plans of
 * the same run: a task that is planned again keeps it, a new one gets the next free index.
 *
 * @param id       identity: a hash of the recipe and the inputs (files by path, size and time;
 *                 upstream tasks by stage and index)
 * @param recipe   a hash of what the task does apart from its inputs: the step, its parameters
 *                 (files named by them by content), the pipeline parameters its templates read,
 *                 and the scan point
 * @param files    input files, for stages reading files
 * @param upstream upstream task ranges whose outputs are the inputs, for outputsOf stages
 * @param scan     this task's point of the stage's parameter scan (empty without a scan)
 * @param removed  planned before, but its inputs or scan point are gone: kept with its outputs, never run
 */
public record PlannedTask(int index, String id, String recipe, List<InputFile> files, List<UpstreamRef> upstream,
                          Map<String, Object> scan, boolean removed) {

    /** A task outside any plan (a step run directly): no identity. */
    public static PlannedTask standalone() {
        return new PlannedTask(0, "", "", List.of(), List.of(), Map.of(), false);
    }

    /** Whether this (live) task does exactly this: the same recipe, input files (size and time too), upstream tasks and point. */
    boolean plansSameWork(String otherRecipe, List<InputFile> otherFiles, List<UpstreamRef> otherUpstream, Map<String, Object> otherScan) {
        return !removed && recipe.equals(otherRecipe) && files.equals(otherFiles) && upstream.equals(otherUpstream) && scan.equals(otherScan);
    }

    public PlannedTask asRemoved() {
        return new PlannedTask(index, id, recipe, files, upstream, scan, true);
    }

    public PlannedTask withIndex(int newIndex) {
        return new PlannedTask(newIndex, id, recipe, files, upstream, scan, removed);
    }

    /** The same task reading other files (its remote inputs' local copies, or only its local ones). */
    public PlannedTask withFiles(List<InputFile> otherFiles) {
        return new PlannedTask(index, id, recipe, otherFiles, upstream, scan, removed);
    }
}

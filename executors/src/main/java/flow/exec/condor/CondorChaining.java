package flow.exec.condor;

import flow.exec.grid.ArrayJob;
import flow.exec.grid.GridScheduler.SubmitException;
import flow.model.FailureClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the nodes of a submission wait for their parents: chained by DAGMan ({@link DagChaining},
 * so the head may exit) or by the head itself ({@link HeadChaining}, for pools without DAGMan).
 * {@link CondorScheduler} writes the nodes' submit files either way and reads their event logs.
 */
interface CondorChaining {
    /** The DAG a node of this submission round belongs to ({@link CondorRegistry#NO_DAG} without one). */
    Path dagOf(int attempt);

    /** Hands the submission's nodes, written and registered, to HTCondor in the order of their chaining. */
    void commit(List<ArrayJob> jobs, List<CondorRegistry.Node> nodes) throws SubmitException;

    /** Submits what has become ready since the last call; called before each look at the queue. */
    void advance() throws SubmitException;

    /** Why nothing will ever submit a node HTCondor has no job of. */
    record Unsubmitted(FailureClass failure, String detail) {}

    /**
     * Why nothing will ever submit this node's procs that have no job ({@code cluster} null, or
     * procs of it never seen), or null while something still may.
     */
    Unsubmitted unsubmitted(CondorRegistry.Node node, Integer cluster);

    /** Resubmits the last submission the way HTCondor resumes one; the nodes that run again, or none. */
    List<String> resubmitLast() throws SubmitException;

    /** Whether a new submission may wait on nodes of an earlier one still in the queue. */
    boolean chainsToEarlierSubmissions();

    /**
     * Restores the record of each submission a head that died while submitting did not record.
     *
     * @return the job id of each, by the name it was found under
     */
    default Map<String, String> recover() {
        return Map.of();
    }
}

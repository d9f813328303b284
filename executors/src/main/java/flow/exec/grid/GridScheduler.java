package flow.exec.grid;

import flow.plan.StageDefinition;

import java.util.Collection;
import java.util.List;

/**
 * A batch scheduler as flow needs it: render a job script, submit an array, ask about many
 * arrays in one query, cancel. Each scheduler is one small subclass.
 */
public abstract class GridScheduler {
    protected final SchedulerCommands commands;

    protected GridScheduler(SchedulerCommands commands) {
        this.commands = commands;
    }

    public SchedulerCommands commands() {
        return commands;
    }

    /** The job script of a stage: its resources, then {@code command}; byte-deterministic. */
    public abstract String renderScript(String runName, StageDefinition stage, String command);

    /** Shell text for the task index of an array task: the array index plus {@code offset}. */
    public abstract String taskIndex(int offset);

    /**
     * Shell text for the tasks of a batch job (the argument of {@code flow task RUN STAGE}): by
     * default the line of {@code file}, written here, whose leader is the array index plus
     * {@code offset}. The file is named for its array: a later submission never rewrites it
     * under jobs still to start.
     */
    public String batchTasks(java.nio.file.Path file, List<List<Integer>> batches, int offset) {
        commands.files().write(file, BatchesFile.render(batches));
        return "--batches " + flow.util.Shell.quote(file.toString()) + " " + taskIndex(offset);
    }

    /** The command a task's job runs, followed by {@link #taskIndex}: {@code flow task RUN STAGE}. */
    public String taskCommand(flow.run.RunDir run, StageDefinition stage) {
        return TaskCommandLine.quoted("task", run.root().toString(), stage.name());
    }

    /** Submits an array; returns its job id. */
    public abstract String submit(ArrayJob job) throws SubmitException;

    /**
     * Ends a submission: schedulers that submit a whole graph at once (a DAG) do it here. On
     * failure the caller cancels what this submission already submitted.
     */
    public void commit() throws SubmitException {
    }

    /**
     * Resubmits the last submission the way the scheduler itself resumes one (HTCondor: the DAG
     * again, so that DAGMan reads its rescue file), if it can.
     *
     * @return the job ids that will run again; empty if this scheduler cannot
     */
    public List<String> resubmitLast() throws SubmitException {
        return List.of();
    }

    /** Whether a new submission may depend on jobs of an earlier one still pending or running. */
    public boolean chainsToEarlierSubmissions() {
        return true;
    }

    /**
     * Submits what has become ready since the last call, for schedulers whose arrays the head
     * chains itself (HTCondor without DAGMan); the head calls it before each query.
     */
    public void advance() throws SubmitException {
    }

    /**
     * Before a resume decides what is still in the scheduler: what a head that died while
     * submitting left unrecorded. Given the names the ledger recorded without a job id, returns
     * the job id of each submission the scheduler still holds under one of them (the head
     * records those), and of any submission whose record of its own the scheduler restored, by
     * the name it was found under. One that cannot look names up finds none.
     */
    public java.util.Map<String, String> recoverSubmissions(Collection<String> unrecorded) {
        return java.util.Map.of();
    }

    /** The state of every task of these arrays still known to the scheduler, in one query; submits nothing. */
    public abstract List<TaskState> query(Collection<String> jobIds);

    public abstract void cancel(Collection<String> jobIds);

    /**
     * What the scheduler's accounting remembers of jobs that left the queue, where it keeps any;
     * empty when it keeps none.
     */
    public List<TaskState> history(Collection<String> jobIds) {
        return List.of();
    }

    /**
     * What the scheduler measured of these ended tasks (run times, CPU, peak memory, memory
     * requested, node), in one query; a task without figures is left out, and a scheduler that
     * keeps none returns none.
     */
    public java.util.Map<ArrayTaskId, flow.run.AttemptFigures> usage(Collection<ArrayTaskId> tasks) {
        return java.util.Map.of();
    }

    /** Where a task of a submitted array writes its stdout and stderr, by the scheduler's naming. */
    public abstract flow.exec.TaskLog taskLog(flow.run.RunDir run, SubmittedArray array, int task);

    /** Array indices the scheduler accepts go from 0 to this, exclusive. */
    public abstract int maxArraySize();

    /** The file name of a stage's script for an offset. */
    public abstract String scriptName(String stage, int offset);

    /**
     * The scheduler refused a submission; the message is the scheduler's own. A refusal of the
     * request itself (a partition or account it does not know, more than it permits) is the
     * user's to correct: submitting the same again would fail again. Otherwise the scheduler
     * may have been unreachable or busy.
     */
    public static final class SubmitException extends Exception {
        private final boolean requestInvalid;

        public SubmitException(String message) {
            this(message, false);
        }

        public SubmitException(String message, boolean requestInvalid) {
            super(message);
            this.requestInvalid = requestInvalid;
        }

        public boolean requestInvalid() {
            return requestInvalid;
        }
    }
}

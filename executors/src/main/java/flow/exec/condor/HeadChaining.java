package flow.exec.condor;

import flow.exec.grid.ArrayJob;
import flow.exec.grid.GridScheduler.SubmitException;
import flow.exec.grid.SchedulerCommands;
import flow.model.FailureClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For pools without DAGMan ({@code --no-dag}): the head submits a node with {@code condor_submit
 * -terse} once every proc of every parent node terminated with 0, as the event logs show at each
 * look; a failed parent means its children are never submitted. The head must follow the run.
 */
final class HeadChaining implements CondorChaining {
    private static final Pattern TERSE = Pattern.compile("(?m)^(-?\\d+)\\.(\\d+) - (-?\\d+)\\.(\\d+)$");

    /** A proc as the scheduler currently knows it (its log, or the schedd where the log shows no end). */
    interface Procs {
        CondorJobs.Job current(CondorJobs jobs, int cluster, int proc);
    }

    private enum Outcome { DONE, FAILED, RUNNING }

    private final SchedulerCommands commands;
    private final CondorRegistry registry;
    private final CondorLogs logs;
    private final Procs procs;
    /** Nodes waiting for their parents, by name, with the parents' node names. */
    private final Map<String, List<String>> waiting = new LinkedHashMap<>();
    private final Set<String> neverSubmitted = new HashSet<>();

    HeadChaining(SchedulerCommands commands, CondorRegistry registry, CondorLogs logs, Procs procs) {
        this.commands = commands;
        this.registry = registry;
        this.logs = logs;
        this.procs = procs;
    }

    @Override
    public Path dagOf(int attempt) {
        return Path.of(CondorRegistry.NO_DAG);
    }

    /** Every node waits; those without parents are submitted at once. */
    @Override
    public void commit(List<ArrayJob> jobs, List<CondorRegistry.Node> nodes) throws SubmitException {
        for (int i = 0; i < jobs.size(); i++) waiting.put(nodes.get(i).name(), new ArrayList<>(DagChaining.parents(jobs.get(i))));
        advance();
    }

    /** Submits each waiting node whose parents all succeeded; gives up on those with a failed parent. */
    @Override
    public void advance() throws SubmitException {
        if (waiting.isEmpty()) return;
        Map<String, CondorRegistry.Node> nodes = registry.nodes();
        for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Outcome parents = Outcome.DONE;
            for (String parent : entry.getValue()) {
                Outcome outcome = outcome(nodes.get(parent));
                if (outcome == Outcome.FAILED) parents = Outcome.FAILED;
                else if (outcome == Outcome.RUNNING && parents == Outcome.DONE) parents = Outcome.RUNNING;
            }
            if (parents == Outcome.RUNNING) continue;
            it.remove();
            if (parents == Outcome.FAILED) {
                neverSubmitted.add(entry.getKey());
            } else {
                submit(nodes.get(entry.getKey()));
            }
        }
    }

    /** Without a cluster and no longer waiting, a node's parents failed: nothing will submit it. */
    @Override
    public Unsubmitted unsubmitted(CondorRegistry.Node node, Integer cluster) {
        return cluster == null && !waiting.containsKey(node.name())
                ? new Unsubmitted(FailureClass.DEPENDENCY_NEVER_SATISFIED, "never submitted: a parent failed") : null;
    }

    @Override
    public List<String> resubmitLast() {
        return List.of();
    }

    /** The head chains whatever it follows, earlier submissions included. */
    @Override
    public boolean chainsToEarlierSubmissions() {
        return true;
    }

    private void submit(CondorRegistry.Node node) throws SubmitException {
        Path pre = CondorScheduler.preScript(node);
        if (commands.files().exists(pre)) {
            SchedulerCommands.Output staged = commands.submit(List.of(pre.toString()), pre.getParent(), "");
            if (staged.exit() != 0) throw new SubmitException("stage-in for " + node.name() + " failed" + CondorScheduler.preScriptError(node));
        }
        // a dry run's cluster: 0, the number no schedd gives
        SchedulerCommands.Output out = commands.submit(List.of("condor_submit", "-terse", node.name() + ".sub"), node.items().getParent(), "0.0 - 0.0\n");
        Matcher m = TERSE.matcher(out.stdout());
        if (out.exit() != 0 || !m.find()) throw new SubmitException(out.message());
        int cluster = Integer.parseInt(m.group(1));
        logs.clusterOf(node.name(), cluster);
        registry.addCluster(node.name(), cluster);
    }

    /** DONE when every proc of the node's cluster terminated with 0, FAILED when one did not. */
    private Outcome outcome(CondorRegistry.Node node) {
        if (node == null) return Outcome.DONE; // a parent from an earlier submission: followed, and chained only when live
        if (neverSubmitted.contains(node.name())) return Outcome.FAILED;
        CondorJobs jobs = logs.follow(node.eventLog());
        Integer cluster = logs.latestCluster(node.name());
        if (cluster == null) return Outcome.RUNNING;
        int count = registry.items(node.items()).size();
        boolean allDone = true;
        for (int proc = 0; proc < count; proc++) {
            CondorJobs.Job job = procs.current(jobs, cluster, proc);
            if (job == null || !job.terminal()) allDone = false;
            else if (job.status() == CondorJobs.Status.REMOVED || !Integer.valueOf(0).equals(job.exitCode())) return Outcome.FAILED;
        }
        return allDone ? Outcome.DONE : Outcome.RUNNING;
    }
}

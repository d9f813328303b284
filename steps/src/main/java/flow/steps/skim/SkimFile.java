package flow.steps.skim;

import flow.rootio.Column;
import flow.rootio.RootFile;
import flow.rootio.Tree;
import flow.steps.parquet.OutputColumn;
import flow.steps.parquet.ParquetFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Skims one ROOT file into one Parquet file: plan against the tree (every mistake reported
 * before an event is read), read only the branches needed, evaluate the definitions and
 * filters column-wise, keep the passing events' chosen columns.
 */
final class SkimFile {
    record Result(long read, long passed, Path output) {}

    private SkimFile() {}

    static Result run(Path input, String treePath, Map<String, String> define, List<String> where, List<String> keep, long nevents,
                      Path output, int threads) throws IOException {
        try (RootFile file = RootFile.open(input)) {
            Tree tree = file.tree(treePath);
            SkimPlan plan;
            try {
                plan = new SkimPlan(SkimPlan.shapes(tree), define, where, keep);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(input + ":" + treePath + ": " + e.getMessage(), e);
            }
            long limit = nevents > 0 ? nevents : Long.MAX_VALUE;
            Map<String, Column> raw = new HashMap<>();
            Map<String, Values> branchValues = new HashMap<>();
            // the branches shared out over the task's CPUs
            for (var read : tree.read(new ArrayList<>(plan.branches), threads, limit).entrySet()) {
                String b = read.getKey();
                Column c = read.getValue();
                raw.put(b, c);
                if (c.values() != null && c.innerOffsets() == null) branchValues.put(b, new Values(c.values(), c.offsets(), false));
            }
            int events = (int) Math.min(tree.entries(), limit);
            SkimPlan.Evaluation result = plan.evaluate(branchValues, events);
            boolean[] pass = result.pass();
            Map<String, Values> columns = result.columns();
            List<OutputColumn> out = new ArrayList<>();
            for (var kept : plan.kept.entrySet()) {
                Column c = raw.get(kept.getKey());
                out.add(c != null && (c.strings() != null || c.longs() != null)
                        ? Rows.select(kept.getKey(), kept.getValue(), c, pass)
                        : Rows.select(kept.getKey(), kept.getValue(), columns.get(kept.getKey()), pass));
            }
            ParquetFile.write(output, out, result.passed(), "flow skim");
            return new Result(events, result.passed(), output);
        }
    }
}

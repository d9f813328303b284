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
                plan = new SkimPlan(tree, define, where, keep);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(input + ":" + treePath + ": " + e.getMessage(), e);
            }
            long limit = nevents > 0 ? nevents : Long.MAX_VALUE;
            Map<String, Column> raw = new HashMap<>();
            Map<String, Values> columns = new HashMap<>();
            for (String b : plan.branches) {
                Column c = tree.read(b, threads, limit);
                raw.put(b, c);
                if (c.values() != null && c.innerOffsets() == null) columns.put(b, new Values(c.values(), c.offsets(), false));
            }
            int events = (int) Math.min(tree.entries(), limit);
            plan.defines.forEach((name, e) -> columns.put(name, broadcast(e.eval(columns), events)));
            boolean[] pass = new boolean[events];
            java.util.Arrays.fill(pass, true);
            for (Expression f : plan.filters) {
                Values v = broadcast(f.eval(columns), events);
                for (int i = 0; i < events; i++) pass[i] &= v.data()[i] != 0;
            }
            List<OutputColumn> out = new ArrayList<>();
            for (var kept : plan.kept.entrySet()) {
                Column c = raw.get(kept.getKey());
                out.add(c != null && (c.strings() != null || c.longs() != null)
                        ? Rows.select(kept.getKey(), kept.getValue(), c, pass)
                        : Rows.select(kept.getKey(), kept.getValue(), columns.get(kept.getKey()), pass));
            }
            long passed = 0;
            for (boolean p : pass) if (p) passed++;
            ParquetFile.write(output, out, passed, "flow skim");
            return new Result(events, passed, output);
        }
    }

    /** A constant (an expression of literals) as one value per event. */
    private static Values broadcast(Values v, int events) {
        if (!v.constant()) return v;
        double[] all = new double[events];
        java.util.Arrays.fill(all, v.data()[0]);
        return Values.scalars(all);
    }
}

package flow.steps.skim;

import flow.rootio.BranchShape;
import flow.rootio.Tree;
import flow.steps.parquet.OutputColumn;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A skim checked against one tree before any event is read: the defined columns compiled in
 * order (each may use the tree's numeric branches and earlier definitions), the filters (each
 * one true/false per event), the kept columns resolved from names and globs with their output
 * types, and the branches to read. Every mistake is reported here, naming the expression.
 */
final class SkimPlan {
    final Map<String, Expression> defines = new LinkedHashMap<>();
    final List<Expression> filters = new ArrayList<>();
    /** kept column → its output kind */
    final Map<String, OutputColumn.Kind> kept = new LinkedHashMap<>();
    /** the tree's branches to read */
    final Set<String> branches = new LinkedHashSet<>();

    static Map<String, BranchShape> shapes(Tree tree) {
        Map<String, BranchShape> shapes = new LinkedHashMap<>();
        for (String b : tree.branchNames()) shapes.put(b, tree.shape(b));
        return shapes;
    }

    /** @param shapes the tree's branches and what each holds */
    SkimPlan(Map<String, BranchShape> shapes, Map<String, String> define, List<String> where, List<String> keep) {
        Map<String, Compiler.Shape> schema = new LinkedHashMap<>();
        shapes.forEach((b, shape) -> {
            boolean flag = shape.type() == flow.rootio.LeafType.BOOL;
            if (shape.kind() == BranchShape.Kind.NUMBER) schema.put(b, Compiler.Shape.of(false, flag));
            if (shape.kind() == BranchShape.Kind.LIST) schema.put(b, Compiler.Shape.of(true, flag));
        });
        define.forEach((name, text) -> {
            if (shapes.containsKey(name) || defines.containsKey(name)) throw new IllegalArgumentException("define " + name + ": the name is already a column");
            Expression e = Compiler.compile(text, schema);
            defines.put(name, e);
            schema.put(name, Compiler.Shape.of(e.jagged(), e.condition()));
        });
        for (String text : where) {
            Expression e = Compiler.compile(text, schema);
            if (e.jagged() || !e.condition()) {
                throw new IllegalArgumentException("where '" + text + "': a filter must give one true/false per event (use Sum, Any, All or Length on lists)");
            }
            filters.add(e);
        }
        for (String pattern : keep) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<String> matched = new ArrayList<>();
            for (String name : union(shapes.keySet(), defines.keySet())) if (name.equals(pattern) || glob.matches(Path.of(name))) matched.add(name);
            if (matched.isEmpty()) throw new IllegalArgumentException("keep '" + pattern + "' matches no column of the tree and no defined column");
            for (String name : matched) keep(name, shapes);
        }
        defines.values().forEach(e -> e.columns().stream().filter(shapes::containsKey).forEach(branches::add));
        filters.forEach(e -> e.columns().stream().filter(shapes::containsKey).forEach(branches::add));
        kept.keySet().stream().filter(shapes::containsKey).forEach(branches::add);
    }

    /** The defined columns added to {@code columns} (the branches read), and which events pass every filter. */
    record Evaluation(Map<String, Values> columns, boolean[] pass) {
        long passed() {
            long n = 0;
            for (boolean p : pass) if (p) n++;
            return n;
        }
    }

    Evaluation evaluate(Map<String, Values> branchValues, int events) {
        Map<String, Values> columns = new java.util.HashMap<>(branchValues);
        defines.forEach((name, e) -> columns.put(name, broadcast(e.eval(columns), events)));
        boolean[] pass = new boolean[events];
        java.util.Arrays.fill(pass, true);
        for (Expression f : filters) {
            Values v = broadcast(f.eval(columns), events);
            for (int i = 0; i < events; i++) pass[i] &= v.data()[i] != 0;
        }
        return new Evaluation(columns, pass);
    }

    /** A constant (an expression of literals) as one value per event. */
    private static Values broadcast(Values v, int events) {
        if (!v.constant()) return v;
        double[] all = new double[events];
        java.util.Arrays.fill(all, v.data()[0]);
        return Values.scalars(all);
    }

    private void keep(String name, Map<String, BranchShape> shapes) {
        Expression e = defines.get(name);
        if (e != null) {
            BranchShape source = e.source() != null ? shapes.get(e.source()) : null;
            kept.put(name, e.condition() ? OutputColumn.Kind.BOOLEAN : source != null ? kind(source) : OutputColumn.Kind.DOUBLE);
            return;
        }
        BranchShape shape = shapes.get(name);
        switch (shape.kind()) {
            case NUMBER, LIST -> kept.put(name, kind(shape));
            case STRING, STRING_LIST -> kept.put(name, OutputColumn.Kind.STRING);
            case LIST_OF_LISTS -> throw new IllegalArgumentException("keep " + name + ": lists of lists cannot be written yet");
            default -> throw new IllegalArgumentException("keep " + name + ": " + shape.why() + " is not supported");
        }
    }

    private static OutputColumn.Kind kind(BranchShape shape) {
        if (shape.type() == null) return OutputColumn.Kind.STRING;
        return switch (shape.type()) {
            case BOOL -> OutputColumn.Kind.BOOLEAN;
            case F32 -> OutputColumn.Kind.FLOAT;
            case F64 -> OutputColumn.Kind.DOUBLE;
            case U32, I64, U64 -> OutputColumn.Kind.INT64;
            default -> OutputColumn.Kind.INT32;
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}

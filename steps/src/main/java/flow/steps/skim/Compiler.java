package flow.steps.skim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Checks a parsed expression against the columns' shapes (one value or a list per event) and
 * builds its column-wise evaluator. Unknown columns and functions, wrong argument counts, masks
 * on single values and non-conditions where a condition is needed are reported here, before any
 * event is read, with the expression and the position.
 */
public final class Compiler {
    /** What a column holds per event: a number, a list of numbers, or the same of conditions (true/false). */
    public enum Shape {
        NUMBER, LIST, FLAG, FLAGS;

        boolean jagged() {
            return this == LIST || this == FLAGS;
        }

        boolean condition() {
            return this == FLAG || this == FLAGS;
        }

        static Shape of(boolean jagged, boolean condition) {
            return jagged ? (condition ? FLAGS : LIST) : (condition ? FLAG : NUMBER);
        }
    }

    /** @param source the column this value is a subset of (a name, or a name with a mask), else null */
    private record Typed(boolean jagged, boolean condition, Expression.Evaluator eval, String source) {
        Typed(boolean jagged, boolean condition, Expression.Evaluator eval) {
            this(jagged, condition, eval, null);
        }
    }

    private static final Set<String> FUNCTIONS = new TreeSet<>(List.of("abs", "sqrt", "exp", "log", "sin", "cos", "atan2", "min",
            "max", "Sum", "Any", "All", "Length", "deltaPhi", "deltaR", "deltaRNearest"));

    private final String text;
    private final Map<String, Shape> schema;
    private final Set<String> used = new TreeSet<>();

    private Compiler(String text, Map<String, Shape> schema) {
        this.text = text;
        this.schema = schema;
    }

    public static Expression compile(String text, Map<String, Shape> schema) {
        Compiler c = new Compiler(text, schema);
        Typed t = c.compile(Parser.parse(text));
        return new Expression(text, t.jagged(), t.condition(), Set.copyOf(c.used), t.source(), t.eval());
    }

    private Typed compile(Node node) {
        if (node instanceof Node.Number n) {
            Values v = Values.constant(n.value());
            return new Typed(false, false, cols -> v);
        }
        if (node instanceof Node.Ref r) return ref(r);
        if (node instanceof Node.Unary u) return unary(u);
        if (node instanceof Node.Binary b) return binary(b);
        if (node instanceof Node.Mask m) return mask(m);
        return call((Node.Call) node);
    }

    private Typed ref(Node.Ref r) {
        Shape shape = schema.get(r.name());
        if (shape == null) {
            throw new ExpressionException(text, r.at(), "unknown column '" + r.name() + "'" + nearest(r.name()));
        }
        used.add(r.name());
        String name = r.name();
        return new Typed(shape.jagged(), shape.condition(), cols -> cols.get(name), name);
    }

    private String nearest(String name) {
        String lower = name.toLowerCase();
        List<String> close = schema.keySet().stream().filter(k -> k.toLowerCase().contains(lower) || lower.contains(k.toLowerCase()))
                .sorted().limit(5).toList();
        return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
    }

    private Typed unary(Node.Unary u) {
        Typed x = compile(u.operand());
        if (u.op().equals("!")) {
            requireCondition(x, u.operand(), "'!'");
            return new Typed(x.jagged(), true, cols -> Columns.map(x.eval().eval(cols), v -> v != 0 ? 0 : 1));
        }
        return new Typed(x.jagged(), false, cols -> Columns.map(x.eval().eval(cols), v -> -v));
    }

    private Typed binary(Node.Binary b) {
        Typed l = compile(b.left()), r = compile(b.right());
        boolean jagged = l.jagged() || r.jagged();
        DoubleBinaryOperator f;
        boolean condition = true;
        switch (b.op()) {
            case "&&", "||" -> {
                requireCondition(l, b.left(), "'" + b.op() + "'");
                requireCondition(r, b.right(), "'" + b.op() + "'");
                f = b.op().equals("&&") ? (x, y) -> x != 0 && y != 0 ? 1 : 0 : (x, y) -> x != 0 || y != 0 ? 1 : 0;
            }
            case "==" -> f = (x, y) -> x == y ? 1 : 0;
            case "!=" -> f = (x, y) -> x != y ? 1 : 0;
            case "<" -> f = (x, y) -> x < y ? 1 : 0;
            case "<=" -> f = (x, y) -> x <= y ? 1 : 0;
            case ">" -> f = (x, y) -> x > y ? 1 : 0;
            case ">=" -> f = (x, y) -> x >= y ? 1 : 0;
            default -> {
                condition = false;
                f = switch (b.op()) {
                    case "+" -> Double::sum;
                    case "-" -> (x, y) -> x - y;
                    case "*" -> (x, y) -> x * y;
                    case "/" -> (x, y) -> x / y;
                    default -> (x, y) -> x % y;
                };
            }
        }
        DoubleBinaryOperator op = f;
        int at = b.at();
        return new Typed(jagged, condition, cols -> Columns.zip(l.eval().eval(cols), r.eval().eval(cols), op, text, at));
    }

    private Typed mask(Node.Mask m) {
        Typed values = compile(m.values()), mask = compile(m.mask());
        if (!values.jagged()) throw new ExpressionException(text, m.at(), "cannot select elements of a value that is single per event");
        if (!mask.jagged() || !mask.condition()) {
            throw new ExpressionException(text, m.mask().at(), "a mask must be a condition on each element of the list (true/false per element)");
        }
        int at = m.at();
        return new Typed(true, values.condition(), cols -> Columns.select(values.eval().eval(cols), mask.eval().eval(cols), text, at),
                values.source());
    }

    private Typed call(Node.Call c) {
        if (!FUNCTIONS.contains(c.function())) {
            throw new ExpressionException(text, c.at(), "unknown function '" + c.function() + "'; known: " + String.join(", ", FUNCTIONS));
        }
        List<Typed> args = c.args().stream().map(this::compile).toList();
        int at = c.at();
        switch (c.function()) {
            case "Sum", "Any", "All", "Length" -> {
                arity(c, 1);
                Typed x = args.get(0);
                if (!x.jagged()) throw new ExpressionException(text, c.args().get(0).at(), c.function() + " needs a list per event");
                if (!c.function().equals("Sum") && !c.function().equals("Length")) requireCondition(x, c.args().get(0), c.function());
                String fn = c.function();
                return new Typed(false, !fn.equals("Sum") && !fn.equals("Length"), cols -> Columns.reduce(x.eval().eval(cols), fn));
            }
            case "min", "max" -> {
                if (args.size() == 1) {
                    Typed x = args.get(0);
                    if (!x.jagged()) throw new ExpressionException(text, c.args().get(0).at(), c.function() + " of one argument needs a list per event");
                    String fn = c.function();
                    return new Typed(false, false, cols -> Columns.reduce(x.eval().eval(cols), fn));
                }
                arity(c, 2);
                return elementwise(args, c.function().equals("min") ? Math::min : Math::max, at);
            }
            case "atan2" -> {
                arity(c, 2);
                return elementwise(args, Math::atan2, at);
            }
            case "deltaPhi" -> {
                arity(c, 2);
                return elementwise(args, Columns::deltaPhi, at);
            }
            case "deltaR" -> {
                arity(c, 4);
                boolean jagged = args.stream().anyMatch(Typed::jagged);
                return new Typed(jagged, false, cols -> Columns.deltaR(args.stream().map(a -> a.eval().eval(cols)).toList(), text, at));
            }
            case "deltaRNearest" -> {
                arity(c, 4);
                for (int i = 0; i < 4; i++) {
                    if (!args.get(i).jagged()) throw new ExpressionException(text, c.args().get(i).at(), "deltaRNearest needs lists for all four arguments");
                }
                return new Typed(true, false, cols -> Columns.deltaRNearest(args.stream().map(a -> a.eval().eval(cols)).toList(), text, at));
            }
            default -> {
                arity(c, 1);
                DoubleUnaryOperator f = switch (c.function()) {
                    case "abs" -> Math::abs;
                    case "sqrt" -> Math::sqrt;
                    case "exp" -> Math::exp;
                    case "log" -> Math::log;
                    case "sin" -> Math::sin;
                    default -> Math::cos;
                };
                Typed x = args.get(0);
                return new Typed(x.jagged(), false, cols -> Columns.map(x.eval().eval(cols), f));
            }
        }
    }

    private Typed elementwise(List<Typed> args, DoubleBinaryOperator f, int at) {
        Typed l = args.get(0), r = args.get(1);
        return new Typed(l.jagged() || r.jagged(), false, cols -> Columns.zip(l.eval().eval(cols), r.eval().eval(cols), f, text, at));
    }

    private void arity(Node.Call c, int n) {
        if (c.args().size() != n) {
            throw new ExpressionException(text, c.at(), c.function() + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", not " + c.args().size());
        }
    }

    private void requireCondition(Typed t, Node where, String what) {
        if (!t.condition()) throw new ExpressionException(text, where.at(), what + " needs a condition (a comparison, &&, ||, ! or Any/All)");
    }
}

package flow.steps.skim;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Column-wise operations behind compiled expressions: element-wise maps and combinations with
 * single values broadcast over lists, masks, and per-event reductions. Two lists combined
 * element by element must have the same length in every event.
 */
final class Columns {
    private static final double TWO_PI = 2 * Math.PI;

    private Columns() {}

    static Values map(Values x, DoubleUnaryOperator f) {
        double[] out = new double[x.data().length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(x.data()[i]);
        return new Values(out, x.offsets(), x.constant());
    }

    static Values zip(Values a, Values b, DoubleBinaryOperator f, String text, int at) {
        if (a.constant() && b.constant()) return Values.constant(f.applyAsDouble(a.data()[0], b.data()[0]));
        int[] offsets = listOffsets(List.of(a, b), text, at);
        if (offsets == null) {
            int n = Math.max(a.events(), b.events());
            sameEvents(a, b, n, text, at);
            double[] out = new double[n];
            for (int e = 0; e < n; e++) out[e] = f.applyAsDouble(a.at(e), b.at(e));
            return Values.scalars(out);
        }
        double[] out = new double[offsets[offsets.length - 1]];
        for (int e = 0; e < offsets.length - 1; e++) {
            for (int k = offsets[e]; k < offsets[e + 1]; k++) out[k] = f.applyAsDouble(element(a, e, k), element(b, e, k));
        }
        return Values.lists(out, offsets);
    }

    static Values deltaR(List<Values> args, String text, int at) {
        Values eta1 = args.get(0), phi1 = args.get(1), eta2 = args.get(2), phi2 = args.get(3);
        int[] offsets = listOffsets(args, text, at);
        if (offsets == null) {
            int n = args.stream().mapToInt(Values::events).max().orElse(-1);
            if (n < 0) return Values.constant(dr(eta1.data()[0], phi1.data()[0], eta2.data()[0], phi2.data()[0]));
            double[] out = new double[n];
            for (int e = 0; e < n; e++) out[e] = dr(eta1.at(e), phi1.at(e), eta2.at(e), phi2.at(e));
            return Values.scalars(out);
        }
        double[] out = new double[offsets[offsets.length - 1]];
        for (int e = 0; e < offsets.length - 1; e++) {
            for (int k = offsets[e]; k < offsets[e + 1]; k++) {
                out[k] = dr(element(eta1, e, k), element(phi1, e, k), element(eta2, e, k), element(phi2, e, k));
            }
        }
        return Values.lists(out, offsets);
    }

    /**
     * For each element of the first list (eta, phi), ΔR to the nearest element of the second
     * list in the same event — the lists may differ in length; NaN when the second is empty.
     */
    static Values deltaRNearest(List<Values> args, String text, int at) {
        Values eta = args.get(0), phi = args.get(1), otherEta = args.get(2), otherPhi = args.get(3);
        listOffsets(List.of(eta, phi), text, at);
        listOffsets(List.of(otherEta, otherPhi), text, at);
        int[] offsets = eta.offsets(), other = otherEta.offsets();
        double[] out = new double[eta.data().length];
        for (int e = 0; e < offsets.length - 1; e++) {
            for (int k = offsets[e]; k < offsets[e + 1]; k++) {
                double best = Double.NaN;
                for (int j = other[e]; j < other[e + 1]; j++) {
                    double d = dr(eta.data()[k], phi.data()[k], otherEta.data()[j], otherPhi.data()[j]);
                    if (!(d >= best)) best = d;
                }
                out[k] = best;
            }
        }
        return Values.lists(out, offsets);
    }

    /** The difference of two angles, in (-π, π]. */
    static double deltaPhi(double a, double b) {
        double d = Math.IEEEremainder(a - b, TWO_PI);
        return d == -Math.PI ? Math.PI : d;
    }

    private static double dr(double eta1, double phi1, double eta2, double phi2) {
        double deta = eta1 - eta2, dphi = deltaPhi(phi1, phi2);
        return Math.sqrt(deta * deta + dphi * dphi);
    }

    static Values select(Values values, Values mask, String text, int at) {
        if (!Arrays.equals(values.offsets(), mask.offsets())) {
            throw new ExpressionException(text, at, "the mask's lists differ in length from the values' lists (event "
                    + firstDifference(values.offsets(), mask.offsets()) + ")");
        }
        int[] offsets = new int[values.offsets().length];
        double[] out = new double[values.data().length];
        int n = 0;
        for (int e = 0; e < offsets.length - 1; e++) {
            for (int k = values.offsets()[e]; k < values.offsets()[e + 1]; k++) if (mask.data()[k] != 0) out[n++] = values.data()[k];
            offsets[e + 1] = n;
        }
        return Values.lists(Arrays.copyOf(out, n), offsets);
    }

    /** Sum, Any, All, Length, min, max of each event's list (min/max of an empty list: NaN). */
    static Values reduce(Values x, String function) {
        int events = x.offsets().length - 1;
        double[] out = new double[events];
        for (int e = 0; e < events; e++) {
            int from = x.offsets()[e], to = x.offsets()[e + 1];
            double r = switch (function) {
                case "Sum" -> { double s = 0; for (int k = from; k < to; k++) s += x.data()[k]; yield s; }
                case "Any" -> { double s = 0; for (int k = from; k < to && s == 0; k++) s = x.data()[k] != 0 ? 1 : 0; yield s; }
                case "All" -> { double s = 1; for (int k = from; k < to && s == 1; k++) s = x.data()[k] != 0 ? 1 : 0; yield s; }
                case "Length" -> to - from;
                case "min" -> { double s = Double.NaN; for (int k = from; k < to; k++) s = k == from ? x.data()[k] : Math.min(s, x.data()[k]); yield s; }
                default -> { double s = Double.NaN; for (int k = from; k < to; k++) s = k == from ? x.data()[k] : Math.max(s, x.data()[k]); yield s; }
            };
            out[e] = r;
        }
        return Values.scalars(out);
    }

    /** The lists' offsets when any argument is a list (all lists must agree), else null. */
    private static int[] listOffsets(List<Values> args, String text, int at) {
        int[] offsets = null;
        int events = -1;
        for (Values v : args) {
            if (v.jagged()) {
                if (offsets == null) offsets = v.offsets();
                else if (!Arrays.equals(offsets, v.offsets())) {
                    throw new ExpressionException(text, at, "lists of different lengths are combined element by element (event "
                            + firstDifference(offsets, v.offsets()) + ")");
                }
            }
            if (!v.constant()) {
                if (events >= 0 && v.events() != events) throw new ExpressionException(text, at, "columns cover different numbers of events");
                events = v.events();
            }
        }
        return offsets;
    }

    private static void sameEvents(Values a, Values b, int n, String text, int at) {
        if ((!a.constant() && a.events() != n) || (!b.constant() && b.events() != n)) {
            throw new ExpressionException(text, at, "columns cover different numbers of events");
        }
    }

    /** The element of list position {@code k} in event {@code e}: a list's own, or a single value broadcast. */
    private static double element(Values v, int e, int k) {
        return v.jagged() ? v.data()[k] : v.at(e);
    }

    private static int firstDifference(int[] a, int[] b) {
        for (int e = 0; e + 1 < Math.min(a.length, b.length); e++) if (a[e + 1] - a[e] != b[e + 1] - b[e]) return e;
        return Math.min(a.length, b.length) - 1;
    }
}

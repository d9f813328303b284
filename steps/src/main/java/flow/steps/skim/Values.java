package flow.steps.skim;

/**
 * A column's values over a range of events: one number per event ({@code offsets} null), a
 * list per event ({@code offsets} has one more element than there are events), or one constant
 * for every event. Conditions are numbers too: 1 for true, 0 for false.
 */
public record Values(double[] data, int[] offsets, boolean constant) {
    public boolean jagged() {
        return offsets != null;
    }

    /** Events covered; -1 for a constant, which fits any number. */
    public int events() {
        return constant ? -1 : offsets != null ? offsets.length - 1 : data.length;
    }

    public static Values scalars(double[] data) {
        return new Values(data, null, false);
    }

    public static Values lists(double[] data, int[] offsets) {
        return new Values(data, offsets, false);
    }

    public static Values constant(double value) {
        return new Values(new double[]{value}, null, true);
    }

    /** The value of event {@code e} (not for lists). */
    double at(int e) {
        return constant ? data[0] : data[e];
    }
}

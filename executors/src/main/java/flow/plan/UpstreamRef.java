package flow.plan;

/** A contiguous range of an upstream stage's task indices that one task consumes: [from, to). */
public record UpstreamRef(String stage, int from, int to) {
    public int count() {
        return to - from;
    }

    /** {@code prepare[0..2]} style label for reports. */
    public String label() {
        return count() == 1 ? stage + "[" + from + "]" : stage + "[" + from + ".." + (to - 1) + "]";
    }
}

package flow.run;

/** A task of a run: its stage and index, written {@code stage[index]}. */
public record TaskKey(String stage, int index) {
    @Override
    public String toString() {
        return stage + "[" + index + "]";
    }
}

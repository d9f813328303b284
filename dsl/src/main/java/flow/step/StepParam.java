package flow.step;

/**
 * A parameter a step declares, so that a .flow file is checked before anything is submitted.
 *
 * @param directive whether a stage may also write it as a directive of its own ({@code where
 *                  'x > 1'} beside {@code step skim(...)}): a list directive appends its
 *                  arguments, a map directive merges its entries, any other sets the value
 */
public record StepParam(String name, ParamType type, boolean required, Object defaultValue, String description, boolean directive) {
    public static StepParam required(String name, ParamType type, String description) {
        return new StepParam(name, type, true, null, description, false);
    }

    public static StepParam optional(String name, ParamType type, Object defaultValue, String description) {
        return new StepParam(name, type, false, defaultValue, description, false);
    }

    /** This parameter, writable as a stage directive too. */
    public StepParam asDirective() {
        return new StepParam(name, type, required, defaultValue, description, true);
    }
}

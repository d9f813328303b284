package flow.step;

/** A parameter a step declares, so that a .flow file is checked before anything is submitted. */
public record StepParam(String name, ParamType type, boolean required, Object defaultValue, String description) {
    public static StepParam required(String name, ParamType type, String description) {
        return new StepParam(name, type, true, null, description);
    }

    public static StepParam optional(String name, ParamType type, Object defaultValue, String description) {
        return new StepParam(name, type, false, defaultValue, description);
    }
}

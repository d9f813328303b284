package flow.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The steps on the class path, by name. */
public final class StepRegistry {
    private final Map<String, Step> steps = new TreeMap<>();

    private StepRegistry() {}

    public static StepRegistry load() {
        StepRegistry registry = new StepRegistry();
        for (Step step : ServiceLoader.load(Step.class, StepRegistry.class.getClassLoader())) {
            registry.steps.put(step.name(), step);
        }
        return registry;
    }

    public Optional<Step> find(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    public Step get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown step '" + name + "'" + flow.util.Suggestions.didYouMean(name, names()) + " (known steps: " + String.join(", ", names()) + ")"));
    }

    public List<String> names() {
        return new ArrayList<>(steps.keySet());
    }

    /** The parameters as given, plus the declared defaults of those not given. */
    public static Map<String, Object> withDefaults(Step step, Map<String, Object> given) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (StepParam p : step.params()) {
            if (given.containsKey(p.name())) all.put(p.name(), given.get(p.name()));
            else if (p.defaultValue() != null) all.put(p.name(), p.defaultValue());
        }
        return all;
    }

    /** Unknown, missing and wrongly typed parameters, one message each. */
    public static List<String> checkParams(Step step, Map<String, Object> given) {
        List<String> errors = new ArrayList<>();
        Map<String, StepParam> declared = new LinkedHashMap<>();
        step.params().forEach(p -> declared.put(p.name(), p));
        for (var entry : given.entrySet()) {
            StepParam p = declared.get(entry.getKey());
            if (p == null) {
                errors.add("unknown parameter '" + entry.getKey() + "' for step '" + step.name() + "'"
                        + flow.util.Suggestions.didYouMean(entry.getKey(), declared.keySet()) + " (expected one of: " + String.join(", ", declared.keySet()) + ")");
            } else if (!p.type().accepts(entry.getValue())) {
                errors.add("parameter '" + p.name() + "' of step '" + step.name() + "' must be a "
                        + p.type().label() + ", got " + describe(entry.getValue()));
            }
        }
        for (StepParam p : declared.values()) {
            if (p.required() && !given.containsKey(p.name())) {
                errors.add("step '" + step.name() + "' needs parameter '" + p.name() + "' (" + p.description() + ")");
            }
        }
        return errors;
    }

    private static String describe(Object value) {
        if (value == null) return "null";
        String type = value instanceof CharSequence ? "string" : value.getClass().getSimpleName().toLowerCase();
        return type + " " + (value instanceof CharSequence ? "'" + value + "'" : value);
    }
}

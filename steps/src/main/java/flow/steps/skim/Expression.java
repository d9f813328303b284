package flow.steps.skim;

import java.util.Map;
import java.util.Set;

/**
 * A selection expression parsed and checked once, then evaluated column-wise over any number of
 * events (no per-event interpretation).
 *
 * @param jagged    whether it gives a list per event (else one value per event)
 * @param condition whether it gives true/false values
 * @param columns   the input columns it reads
 * @param source    the column whose values it selects ({@code x} or {@code x[mask]}), so it keeps that column's type; else null
 */
public record Expression(String text, boolean jagged, boolean condition, Set<String> columns, String source, Evaluator evaluator) {
    /** The compiled form: values of the needed columns in, the expression's values out. */
    public interface Evaluator {
        Values eval(Map<String, Values> columns);
    }

    public Values eval(Map<String, Values> columns) {
        return evaluator.eval(columns);
    }
}

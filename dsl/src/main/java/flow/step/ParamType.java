package flow.step;

import java.util.List;
import java.util.Map;

/** The type of a step parameter, as checked before anything runs. */
public enum ParamType {
    STRING, INTEGER, NUMBER, BOOLEAN, LIST, MAP,
    /** A path to a file the step reads (a configuration, a table): part of a task's identity by its content. */
    FILE;

    public boolean accepts(Object value) {
        return switch (this) {
            case STRING, FILE -> value instanceof CharSequence;
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case LIST -> value instanceof List;
            case MAP -> value instanceof Map;
        };
    }

    public String label() {
        return name().toLowerCase();
    }
}

package flow.steps.skim;

/** A mistake in a selection expression: the message quotes the expression and points at the position. */
public class ExpressionException extends IllegalArgumentException {
    public ExpressionException(String expression, int position, String message) {
        super("expression '" + expression + "', at position " + (position + 1) + ": " + message + "\n  " + expression + "\n  "
                + " ".repeat(Math.max(0, position)) + "^");
    }
}

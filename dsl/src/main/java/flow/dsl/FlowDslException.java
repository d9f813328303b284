package flow.dsl;

import java.util.List;

/**
 * A mistake in a .flow file; each error starts with {@code file:line:}. Plain Java, so that the
 * CLI's error handler can name it without starting the Groovy runtime (commands such as
 * {@code flow step} and {@code flow task} never load a .flow file).
 */
public class FlowDslException extends RuntimeException {
    private final List<String> errors;

    public FlowDslException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public FlowDslException(String error) {
        this(List.of(error));
    }

    public List<String> getErrors() {
        return errors;
    }
}

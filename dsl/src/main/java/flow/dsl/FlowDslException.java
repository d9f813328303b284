package flow.dsl;

import java.util.List;

/**
 * A mistake in a .flow file; each error starts with {@code file:line:}. Plain Java, so that the
 * CLI's error handler can name it without starting the Groovy runtime (commands such as
 * {@code flow step} and {@code flow task} never load a .flow file).
 */
public class FlowDslException extends RuntimeException {
    private final List<String> errors;
    /** What the script declared around its errors (its unread stages marked), for the validator to check the rest; or null. */
    private final transient flow.model.PipelineSpec declared;

    public FlowDslException(List<String> errors) {
        this(errors, null);
    }

    public FlowDslException(List<String> errors, flow.model.PipelineSpec declared) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
        this.declared = declared;
    }

    public java.util.Optional<flow.model.PipelineSpec> declared() {
        return java.util.Optional.ofNullable(declared);
    }

    public FlowDslException(String error) {
        this(List.of(error));
    }

    public List<String> getErrors() {
        return errors;
    }
}

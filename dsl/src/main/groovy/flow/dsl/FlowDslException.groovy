package flow.dsl

import groovy.transform.CompileStatic

/** A mistake in a .flow file; the message starts with {@code file:line:}. */
@CompileStatic
class FlowDslException extends RuntimeException {
    final List<String> errors

    FlowDslException(List<String> errors) {
        super(errors.join('\n'))
        this.errors = List.copyOf(errors)
    }

    FlowDslException(String error) {
        this([error])
    }
}

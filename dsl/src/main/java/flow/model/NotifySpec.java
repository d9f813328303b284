package flow.model;

import java.util.List;
import java.util.Set;

/**
 * {@code notify email: 'me@cern.ch'} or {@code notify command: 'curl -s -d @- https://…'} in the
 * {@code flow {}} block: whom to tell of which events ({@link #EVENTS}); an e-mail goes through
 * the machine's {@code sendmail -t}, a command gets the event as JSON on its standard input.
 */
public record NotifySpec(String email, String command, Set<String> on, SourceLocation at) {
    /** A task failed (rate-limited), a dataset is done, a run or a watch tick ended. */
    public static final List<String> EVENTS = List.of("failure", "done", "end");
}

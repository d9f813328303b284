package flow.step;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The code a task runs. Implementations are found with {@link java.util.ServiceLoader}: list them
 * in {@code META-INF/services/flow.step.Step}.
 */
public interface Step {
    String name();

    String description();

    List<StepParam> params();

    /**
     * Checks beyond types and required parameters, done before anything runs.
     *
     * @param params    the parameters, defaults applied and types already checked
     * @param variables the template variable names a task of this stage will have
     * @return one message per problem, empty when all is well
     */
    default List<String> check(Map<String, Object> params, Set<String> variables) {
        return List.of();
    }

    /** What a task would run, for dry runs: a command line or a short description. */
    String preview(StepContext context);

    /**
     * Whether this step, with these parameters, reads remote ({@code root://}) inputs itself and
     * so receives their URLs; otherwise flow stages a copy of each before the step runs.
     */
    default boolean streamsRemoteInputs(Map<String, Object> params) {
        return false;
    }

    /** Runs one task; returns its exit code (0 = success). */
    int run(StepContext context) throws Exception;
}

package flow.dsl

import flow.step.ParamType
import flow.step.Step
import flow.step.StepContext
import flow.step.StepParam

/** A step plug-in for the DSL specs only: typed parameters, a required one, a default. */
class ProbeStep implements Step {
    String name() { 'probe' }

    String description() { 'test step' }

    List<StepParam> params() {
        [StepParam.required('label', ParamType.STRING, 'a label'),
         StepParam.optional('count', ParamType.INTEGER, 1, 'how many'),
         StepParam.optional('scale', ParamType.NUMBER, null, 'a factor')]
    }

    String preview(StepContext context) { "probe $context.params" }

    int run(StepContext context) { 0 }
}

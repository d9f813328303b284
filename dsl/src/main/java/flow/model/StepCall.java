package flow.model;

import java.util.Map;

/** A step as written in a stage: its name and the parameters given to it. */
public record StepCall(String name, Map<String, Object> params, SourceLocation at) {}

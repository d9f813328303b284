package flow.model;

/** A stage name written somewhere (dependsOn, cleanup), with where it was written. */
public record StageRef(String name, SourceLocation at) {}

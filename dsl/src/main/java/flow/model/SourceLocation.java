package flow.model;

/** Where something was declared in a .flow file; printed as {@code file:line}. */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}

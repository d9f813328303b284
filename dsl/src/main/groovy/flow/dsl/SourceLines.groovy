package flow.dsl

import flow.model.SourceLocation
import groovy.transform.CompileStatic

/** Finds the line of the .flow file being evaluated from the current call stack. */
@CompileStatic
class SourceLines {
    /** The file name the script class was compiled under (what stack frames carry). */
    final String compiledName
    /** The path shown to the user. */
    final String displayName

    SourceLines(String compiledName, String displayName) {
        this.compiledName = compiledName
        this.displayName = displayName
    }

    SourceLocation here() {
        of(new Throwable())
    }

    SourceLocation of(Throwable t) {
        for (Throwable c = t; c != null; c = c.cause) {
            def frame = c.stackTrace.find { it.fileName == compiledName && it.lineNumber > 0 }
            if (frame) return new SourceLocation(displayName, frame.lineNumber)
        }
        new SourceLocation(displayName, 0)
    }
}

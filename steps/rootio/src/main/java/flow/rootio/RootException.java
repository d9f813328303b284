package flow.rootio;

/** A ROOT file that cannot be read as expected; the message names the file and what was wrong. */
public class RootException extends RuntimeException {
    public RootException(String message) {
        super(message);
    }

    public RootException(String message, Throwable cause) {
        super(message, cause);
    }
}

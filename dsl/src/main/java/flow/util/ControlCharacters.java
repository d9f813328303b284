package flow.util;

/**
 * ASCII control characters (C0 and DEL): what no one-line value of generated text (a submit
 * command, an #SBATCH line, a run name, a Groovy literal) may hold as it is, since a new line
 * starts a line of its own.
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    public static boolean is(int c) {
        return c < 0x20 || c == 0x7f;
    }

    /** The offset of the first control character, or -1. */
    public static int firstIn(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (is(value.charAt(i))) return i;
        }
        return -1;
    }

    /** The value with each control character shown as {@code ?}, for a message. */
    public static String shown(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}

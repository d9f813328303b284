package flow.run;

/**
 * Searches and numbers in text kept as UTF-8 bytes, read in place without making strings. The
 * bytes searched for are ASCII, which never occur inside the encoding of another character.
 */
final class ByteText {
    private ByteText() {}

    /** The first position of {@code b} in {@code [from, to)}, or -1. */
    static int indexOf(byte[] text, int b, int from, int to) {
        for (int i = from; i < to; i++) if (text[i] == b) return i;
        return -1;
    }

    /** The last position of {@code b} in {@code [from, to)}, or -1. */
    static int lastIndexOf(byte[] text, int b, int from, int to) {
        for (int i = to - 1; i >= from; i--) if (text[i] == b) return i;
        return -1;
    }

    /** Whether {@code [from, to)} holds exactly this ASCII text. */
    static boolean equalsAscii(byte[] text, int from, int to, String ascii) {
        if (to - from != ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) if (text[from + i] != ascii.charAt(i)) return false;
        return true;
    }

    /** The decimal number {@code [from, to)} holds, or -1 if it holds anything else (a sign, no digit, a number past a long). */
    static long number(byte[] text, int from, int to) {
        if (from < 0 || from >= to) return -1;
        long n = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || n > (Long.MAX_VALUE - digit) / 10) return -1;
            n = n * 10 + digit;
        }
        return n;
    }

    /** The hexadecimal number (lower case) {@code [from, to)} holds, or -1 if it holds anything else or more than 16 digits. */
    static long hexNumber(byte[] text, int from, int to) {
        if (from < 0 || from >= to || to - from > 16) return -1;
        long n = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text[i], 16);
            if (digit < 0 || text[i] >= 'A' && text[i] <= 'F') return -1;
            n = n << 4 | digit;
        }
        return n;
    }
}

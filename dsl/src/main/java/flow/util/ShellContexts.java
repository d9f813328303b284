package flow.util;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds each {@code ${name}} placeholder of a bash command and the quoting it stands in, by
 * reading the command's quoting as bash does: unquoted words, {@code "..."}, {@code '...'},
 * {@code $'...'}, comments, {@code $(...)} (which starts a command of its own), and the places
 * where no quoting can keep a value from being read as code again: here-documents, arithmetic,
 * backquotes, bash's own {@code ${...}}, and the arguments of {@code eval} or of a shell's
 * {@code -c}.
 */
public final class ShellContexts {
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)}");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "/bin/sh", "/bin/bash", "/usr/bin/bash");
    private static final Pattern C_OPTION = Pattern.compile("-[a-z]*c[a-z]*");

    /** How a value is written where its placeholder stands. */
    public enum Quoting {
        /** Unquoted: each value one shell word. */
        WORD,
        /** Inside double quotes: {@code \ $ ` "} escaped, a list joined by spaces. */
        DOUBLE,
        /** Inside single quotes: a quote closes, is escaped, reopens. */
        SINGLE,
        /** Inside {@code $'...'}: backslashes and quotes escaped. */
        ANSI_C,
        /** In a comment: left as written. */
        COMMENT,
        /** Nowhere safe: {@link Placeholder#unsafe} says why. */
        UNSAFE
    }

    /**
     * @param start  offset of the {@code $}
     * @param end    offset after the {@code }}
     * @param line   line of the command it is on, from 1
     * @param unsafe why no quoting is safe there, or null
     */
    public record Placeholder(int start, int end, String name, Quoting quoting, int line, String unsafe) {}

    private enum Kind { COMMAND, DOUBLE, SINGLE, ANSI_C, BACKQUOTE, ARITHMETIC, PARAMETER, COMMENT, HEREDOC }

    /** One level of nesting; a COMMAND frame also collects the words of its current simple command. */
    private static final class Frame {
        final Kind kind;
        int parens;
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();

        Frame(Kind kind) {
            this.kind = kind;
        }

        void endWord() {
            if (!word.isEmpty()) words.add(word.toString());
            word.setLength(0);
        }

        void endCommand() {
            endWord();
            words.clear();
        }

        /** Why a value given to this simple command would be read as code again, or null. */
        String rereads() {
            List<String> all = new ArrayList<>(words);
            if (!word.isEmpty()) all.add(word.toString());
            boolean shell = false;
            for (String w : all) {
                if (w.equals("eval")) return "an argument of eval";
                if (SHELLS.contains(w)) shell = true;
                else if (shell && C_OPTION.matcher(w).matches()) return "a shell's -c command";
            }
            return null;
        }
    }

    private final String text;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final List<Placeholder> found = new ArrayList<>();
    /** Here-documents announced on the current line: their delimiters, bodies starting at the next line. */
    private final List<String[]> pendingHeredocs = new ArrayList<>();
    private int line = 1;

    private ShellContexts(String text) {
        this.text = text;
    }

    public static List<Placeholder> of(String command) {
        ShellContexts lexer = new ShellContexts(command);
        lexer.scan();
        return lexer.found;
    }

    private void scan() {
        frames.push(new Frame(Kind.COMMAND));
        int i = 0;
        while (i < text.length()) i = step(i);
    }

    /** Reads what starts at {@code i}; returns where the next read starts. */
    private int step(int i) {
        char c = text.charAt(i);
        Frame top = frames.peek();
        if (c == '$') {
            Matcher m = PLACEHOLDER.matcher(text).region(i, text.length());
            if (m.lookingAt()) {
                record(i, m.end(), m.group(1), top);
                if (top.kind == Kind.COMMAND) top.word.append('x');
                return m.end();
            }
        }
        if (c == '\n') {
            line++;
            if (top.kind == Kind.COMMENT) frames.pop();
            if (frames.peek().kind == Kind.COMMAND) frames.peek().endCommand();
            if (!pendingHeredocs.isEmpty() && frames.peek().kind == Kind.COMMAND) return heredocBodies(i + 1);
            return i + 1;
        }
        return switch (top.kind) {
            case COMMAND -> command(i, c, top);
            case DOUBLE -> doubleQuoted(i, c);
            case SINGLE -> c == '\'' ? pop(i) : i + 1;
            case ANSI_C -> c == '\\' ? i + 2 : c == '\'' ? pop(i) : i + 1;
            case BACKQUOTE -> c == '\\' ? i + 2 : c == '`' ? pop(i) : i + 1;
            case ARITHMETIC -> arithmetic(i, c, top);
            case PARAMETER -> c == '}' ? pop(i) : i + 1;
            case COMMENT, HEREDOC -> i + 1;
        };
    }

    private int command(int i, char c, Frame top) {
        if (c == '\\') {
            top.word.append('x');
            return escaped(i);
        }
        if (c == '#' && top.word.isEmpty() && (i == 0 || " \t;&|()".indexOf(text.charAt(i - 1)) >= 0)) return push(Kind.COMMENT, i + 1);
        if (c == '\'') return word(top, push(Kind.SINGLE, i + 1));
        if (c == '"') return word(top, push(Kind.DOUBLE, i + 1));
        if (c == '`') return word(top, push(Kind.BACKQUOTE, i + 1));
        if (c == '$') return word(top, dollar(i));
        if (text.startsWith("<<<", i)) return i + 3; // a here-string: its word is read as any other
        if (text.startsWith("<<", i)) return heredocOperator(i + 2, top);
        if (c == ')' && top.parens == 0 && frames.size() > 1) {
            top.endCommand();
            return pop(i);
        }
        if (c == '(') top.parens++;
        if (c == ')') top.parens--;
        if (" \t".indexOf(c) >= 0) top.endWord();
        else if (";&|()".indexOf(c) >= 0) top.endCommand();
        else top.word.append(c);
        return i + 1;
    }

    /** A backslash and the character it escapes (a new line escaped is a continued line). */
    private int escaped(int i) {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') line++;
        return i + 2;
    }

    private int word(Frame top, int next) {
        top.word.append('x');
        return next;
    }

    private int doubleQuoted(int i, char c) {
        if (c == '\\') return escaped(i);
        if (c == '"') return pop(i);
        if (c == '`') return push(Kind.BACKQUOTE, i + 1);
        if (c == '$') return dollar(i);
        return i + 1;
    }

    /** {@code $((}, {@code $(}, {@code ${}, {@code $'}: what opens here. */
    private int dollar(int i) {
        if (text.startsWith("$((", i)) return push(Kind.ARITHMETIC, i + 3);
        if (text.startsWith("$(", i)) return push(Kind.COMMAND, i + 2);
        if (text.startsWith("${", i)) return push(Kind.PARAMETER, i + 2);
        if (text.startsWith("$'", i) && frames.peek().kind == Kind.COMMAND) return push(Kind.ANSI_C, i + 2);
        return i + 1;
    }

    private int arithmetic(int i, char c, Frame top) {
        if (c == '(') top.parens++;
        if (c == ')') {
            if (top.parens > 0) top.parens--;
            else if (text.startsWith("))", i)) {
                frames.pop();
                return i + 2;
            }
        }
        return i + 1;
    }

    /** After {@code <<}: an optional {@code -}, then the delimiter word, its quotes removed. */
    private int heredocOperator(int i, Frame top) {
        boolean stripTabs = i < text.length() && text.charAt(i) == '-';
        if (stripTabs) i++;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        StringBuilder delimiter = new StringBuilder();
        while (i < text.length() && " \t\n;&|<>()".indexOf(text.charAt(i)) < 0) {
            char c = text.charAt(i++);
            if (c != '\'' && c != '"' && c != '\\') delimiter.append(c);
        }
        pendingHeredocs.add(new String[] {delimiter.toString(), stripTabs ? "-" : ""});
        top.word.append('x');
        return i;
    }

    /** The bodies of the here-documents announced on the line that just ended. */
    private int heredocBodies(int i) {
        frames.push(new Frame(Kind.HEREDOC));
        for (String[] doc : pendingHeredocs) {
            while (i < text.length()) {
                int eol = text.indexOf('\n', i);
                if (eol < 0) eol = text.length();
                String content = text.substring(i, eol);
                String bare = doc[1].isEmpty() ? content : content.replaceFirst("^\t+", "");
                for (int p = i; p < eol; ) p = step(p);
                i = Math.min(eol + 1, text.length());
                line++;
                if (bare.equals(doc[0])) break;
            }
        }
        pendingHeredocs.clear();
        frames.pop();
        return i;
    }

    private void record(int start, int end, String name, Frame top) {
        Quoting quoting;
        String unsafe = null;
        switch (top.kind) {
            case COMMAND -> quoting = Quoting.WORD;
            case DOUBLE -> quoting = Quoting.DOUBLE;
            case SINGLE -> quoting = Quoting.SINGLE;
            case ANSI_C -> quoting = Quoting.ANSI_C;
            case COMMENT -> quoting = Quoting.COMMENT;
            case HEREDOC -> { quoting = Quoting.UNSAFE; unsafe = "a here-document"; }
            case ARITHMETIC -> { quoting = Quoting.UNSAFE; unsafe = "an arithmetic expression"; }
            case BACKQUOTE -> { quoting = Quoting.UNSAFE; unsafe = "backquotes (write $(...) instead)"; }
            default -> { quoting = Quoting.UNSAFE; unsafe = "bash's own ${...}"; }
        }
        if (unsafe == null && quoting != Quoting.COMMENT) {
            String rereads = innermostCommand().rereads();
            if (rereads != null) {
                quoting = Quoting.UNSAFE;
                unsafe = rereads;
            }
        }
        found.add(new Placeholder(start, end, name, quoting, line, unsafe));
    }

    /** The command the innermost quoting belongs to (the outermost frame is always one: it is never popped). */
    private Frame innermostCommand() {
        for (Frame f : frames) if (f.kind == Kind.COMMAND) return f;
        throw new IllegalStateException("no command frame");
    }

    private int push(Kind kind, int next) {
        frames.push(new Frame(kind));
        return next;
    }

    private int pop(int i) {
        if (frames.size() > 1) frames.pop();
        return i + 1;
    }
}

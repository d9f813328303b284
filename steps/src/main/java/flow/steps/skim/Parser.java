package flow.steps.skim;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses RDataFrame-like selection expressions: numbers, {@code true}/{@code false}, column
 * names, {@code - ! + * / %}, comparisons, {@code && ||}, function calls, parentheses and
 * masks {@code x[cond]}. Precedence as in C++.
 */
final class Parser {
    private final String text;
    private int pos;

    private Parser(String text) {
        this.text = text;
    }

    static Node parse(String text) {
        Parser p = new Parser(text);
        Node node = p.or();
        p.space();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        return node;
    }

    private Node or() {
        Node left = and();
        while (accept("||")) left = new Node.Binary(pos - 2, "||", left, and());
        return left;
    }

    private Node and() {
        Node left = comparison();
        while (accept("&&")) left = new Node.Binary(pos - 2, "&&", left, comparison());
        return left;
    }

    private Node comparison() {
        Node left = additive();
        for (String op : new String[]{"==", "!=", "<=", ">=", "<", ">"}) {
            if (accept(op)) return new Node.Binary(pos - op.length(), op, left, additive());
        }
        return left;
    }

    private Node additive() {
        Node left = multiplicative();
        while (true) {
            if (accept("+")) left = new Node.Binary(pos - 1, "+", left, multiplicative());
            else if (accept("-")) left = new Node.Binary(pos - 1, "-", left, multiplicative());
            else return left;
        }
    }

    private Node multiplicative() {
        Node left = unary();
        while (true) {
            space();
            if (pos < text.length() && "*/%".indexOf(text.charAt(pos)) >= 0) {
                String op = String.valueOf(text.charAt(pos++));
                left = new Node.Binary(pos - 1, op, left, unary());
            } else {
                return left;
            }
        }
    }

    private Node unary() {
        space();
        int at = pos;
        if (pos < text.length() && text.charAt(pos) == '!' && !text.startsWith("!=", pos)) {
            pos++;
            return new Node.Unary(at, "!", unary());
        }
        if (accept("-")) return new Node.Unary(at, "-", unary());
        if (accept("+")) return unary();
        return postfix();
    }

    private Node postfix() {
        Node node = primary();
        while (accept("[")) {
            int at = pos - 1;
            Node mask = or();
            expect("]");
            node = new Node.Mask(at, node, mask);
        }
        return node;
    }

    private Node primary() {
        space();
        int at = pos;
        if (pos >= text.length()) throw error("the expression ends where a value was expected");
        char c = text.charAt(pos);
        if (accept("(")) {
            Node inner = or();
            expect(")");
            return inner;
        }
        if (Character.isDigit(c) || c == '.') return number();
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '.')) pos++;
            String name = text.substring(at, pos);
            if (name.equals("true")) return new Node.Number(at, 1);
            if (name.equals("false")) return new Node.Number(at, 0);
            if (accept("(")) {
                List<Node> args = new ArrayList<>();
                if (!accept(")")) {
                    do args.add(or()); while (accept(","));
                    expect(")");
                }
                return new Node.Call(at, name, args);
            }
            return new Node.Ref(at, name);
        }
        throw error("expected a number, a column or '(' but found '" + c + "'");
    }

    private Node number() {
        int at = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) pos++;
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        }
        try {
            return new Node.Number(at, Double.parseDouble(text.substring(at, pos)));
        } catch (NumberFormatException e) {
            pos = at;
            throw error("'" + text.substring(at) + "' is not a number");
        }
    }

    private boolean accept(String token) {
        space();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) throw error("expected '" + token + "'");
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private ExpressionException error(String message) {
        return new ExpressionException(text, pos, message);
    }
}

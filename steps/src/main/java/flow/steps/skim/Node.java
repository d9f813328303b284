package flow.steps.skim;

import java.util.List;

/** A parsed selection expression; {@code at} is the position in the text, for errors. */
sealed interface Node {
    int at();

    record Number(int at, double value) implements Node {}

    record Ref(int at, String name) implements Node {}

    record Unary(int at, String op, Node operand) implements Node {}

    record Binary(int at, String op, Node left, Node right) implements Node {}

    record Call(int at, String function, List<Node> args) implements Node {}

    /** {@code values[mask]}: the elements of each event's list where the mask is true. */
    record Mask(int at, Node values, Node mask) implements Node {}
}

package flow.rootio;

/**
 * A TLeaf: what one value of a branch is.
 *
 * @param className  TLeafI, TLeafF, TLeafC, TLeafElement, ...
 * @param length     values per entry of a fixed array ({@code x[10]}), 1 for a scalar
 * @param count      the counter leaf of a jagged array ({@code x[n]}), or null
 * @param elementType for a TLeafElement, its fType
 */
public record Leaf(String className, String name, String title, int length, int lengthType, boolean unsigned, Leaf count,
                   int elementType) {}

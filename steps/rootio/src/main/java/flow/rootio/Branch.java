package flow.rootio;

import java.util.List;

/**
 * A TBranch or TBranchElement: its leaves, sub-branches, and where its baskets are.
 *
 * @param className    TBranch or TBranchElement
 * @param elementClass for a TBranchElement, the class it holds ({@code vector<float>}, {@code string}, ...)
 * @param writeBaskets how many baskets are in the file (seeks and sizes below); more may be embedded
 * @param basketEntry  the first entry of each basket
 * @param embedded     baskets stored inside the TTree record, after the written ones
 */
public record Branch(String name, String title, String className, String elementClass, int streamerType, long entries,
                     List<Leaf> leaves, List<Branch> branches, int writeBaskets, int[] basketBytes, long[] basketEntry,
                     long[] basketSeek, List<Basket> embedded) {}

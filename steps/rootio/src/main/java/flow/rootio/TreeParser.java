package flow.rootio;

import java.util.List;

/**
 * Reads a TTree record as ROOT streamed it: TTree versions 16 to 20, TBranch 10 to 13,
 * TBranchElement, the TLeaf classes and embedded TBaskets; anything else is skipped by its
 * byte count.
 */
final class TreeParser extends ObjectReader {
    private TreeParser(RootBuffer b) {
        super(b);
    }

    static Tree parse(RootFile file, byte[] data, int keylen, String where) {
        TreeParser p = new TreeParser(new RootBuffer(data, 0, keylen, where));
        return p.tree(file, where);
    }

    private Tree tree(RootFile file, String where) {
        RootBuffer.Header h = b.header();
        int v = h.version();
        if (v < 16 || v > 20) throw b.error("TTree version " + v + " is not supported (16 to 20 are)");
        String name = b.named()[0];
        b.skipObject(); // TAttLine
        b.skipObject(); // TAttFill
        b.skipObject(); // TAttMarker
        long entries = b.i64();
        b.skip(8 * 3); // fTotBytes, fZipBytes, fSavedBytes
        if (v >= 18) b.skip(8); // fFlushedBytes
        b.skip(8 + 4 * 3); // fWeight, fTimerInterval, fScanField, fUpdate
        if (v >= 17) b.skip(4); // fDefaultEntryOffsetLen
        int clusterRanges = v >= 19 ? b.i32() : 0;
        b.skip(8 * 4); // fMaxEntries, fMaxEntryLoop, fMaxVirtualSize, fAutoSave
        if (v >= 18) b.skip(8); // fAutoFlush
        b.skip(8); // fEstimate
        if (v >= 19) {
            b.skip(1 + 8 * clusterRanges); // fClusterRangeEnd
            b.skip(1 + 8 * clusterRanges); // fClusterSize
        }
        if (v >= 20) b.skipObject(); // fIOFeatures
        List<Branch> branches = objArray().stream().filter(o -> o instanceof Branch).map(o -> (Branch) o).toList();
        b.pos = h.end();
        return new Tree(file, name, entries, branches, where);
    }

    @Override
    protected Object object(String className) {
        if (className.equals("TBranch") || className.equals("TBranchElement") || className.equals("TBranchObject")) return branch(className);
        if (className.startsWith("TLeaf")) return leaf(className);
        if (className.equals("TBasket")) return Basket.embedded(b);
        b.skipObject();
        return className;
    }

    private Branch branch(String className) {
        RootBuffer.Header outer = className.equals("TBranch") ? null : b.header();
        RootBuffer.Header h = b.header();
        int v = h.version();
        if (v < 10 || v > 13) throw b.error("TBranch version " + v + " is not supported (10 to 13 are)");
        String[] named = b.named();
        b.skipObject(); // TAttFill
        b.skip(4 * 3); // fCompress, fBasketSize, fEntryOffsetLen
        int writeBasket = b.i32();
        b.skip(8); // fEntryNumber
        if (v >= 13) b.skipObject(); // fIOFeatures
        b.skip(4); // fOffset
        int maxBaskets = b.i32();
        b.skip(4); // fSplitLevel
        long entries = b.i64();
        if (v >= 11) b.skip(8); // fFirstEntry
        b.skip(8 * 2); // fTotBytes, fZipBytes
        List<Branch> subBranches = objArray().stream().filter(o -> o instanceof Branch).map(o -> (Branch) o).toList();
        List<Leaf> leaves = objArray().stream().filter(o -> o instanceof Leaf).map(o -> (Leaf) o).toList();
        List<Basket> embedded = objArray().stream().filter(o -> o instanceof Basket).map(o -> (Basket) o).toList();
        b.skip(1);
        int[] basketBytes = new int[maxBaskets];
        for (int i = 0; i < maxBaskets; i++) basketBytes[i] = b.i32();
        b.skip(1);
        long[] basketEntry = new long[maxBaskets];
        for (int i = 0; i < maxBaskets; i++) basketEntry[i] = b.i64();
        b.skip(1);
        long[] basketSeek = new long[maxBaskets];
        for (int i = 0; i < maxBaskets; i++) basketSeek[i] = b.i64();
        b.pos = h.end();
        String elementClass = null;
        int streamerType = -1;
        if (outer != null && className.equals("TBranchElement")) {
            elementClass = b.tstring();
            b.tstring(); // fParentName
            b.tstring(); // fClonesName
            b.i32(); // fCheckSum
            if (outer.version() >= 10) b.i16(); else b.i32(); // fClassVersion
            b.i32(); // fID
            b.i32(); // fType
            streamerType = b.i32();
        }
        if (outer != null) b.pos = outer.end();
        return new Branch(named[0], named[1], className, elementClass, streamerType, entries, leaves, subBranches,
                writeBasket, basketBytes, basketEntry, basketSeek, embedded);
    }

    private Leaf leaf(String className) {
        RootBuffer.Header h = b.header();
        RootBuffer.Header base = b.header();
        String[] named = b.named();
        int length = b.i32();
        int lengthType = b.i32();
        b.i32(); // fOffset
        b.u8(); // fIsRange
        boolean unsigned = b.u8() != 0;
        Object count = any();
        b.pos = base.end();
        int elementType = -1;
        if (className.equals("TLeafElement")) {
            b.i32(); // fID
            elementType = b.i32();
        }
        b.pos = h.end();
        return new Leaf(className, named[0], named[1], length, lengthType, unsigned, count instanceof Leaf l ? l : null, elementType);
    }
}

package flow.rootio;

/**
 * What a branch holds per entry, known from its metadata before any basket is read.
 *
 * @param type the numeric type of its values (null for strings and unsupported branches)
 * @param why  for {@link Kind#UNSUPPORTED}, what the branch is
 */
public record BranchShape(Kind kind, LeafType type, String why) {
    public enum Kind { NUMBER, LIST, LIST_OF_LISTS, STRING, STRING_LIST, UNSUPPORTED }

    /** @param streamers the file's class layouts, for STL members of split objects */
    static BranchShape of(Branch b, StreamerInfos streamers) {
        if (b.leaves().size() != 1) return unsupported("a branch of " + b.leaves().size() + " leaves");
        Leaf leaf = b.leaves().get(0);
        int code = b.streamerType();
        if (code > 0) {
            if (code == 65) return new BranchShape(Kind.STRING, null, null);
            if (code == 300 || code == 500) {
                String member = b.name().substring(b.name().lastIndexOf('.') + 1).replaceFirst("\\[.*$", "");
                return streamers.member(b.elementClass(), member).map(m -> ofClass(m.typeName(), b))
                        .orElse(unsupported("member " + member + " of " + b.elementClass() + ", which the file's streamer info does not describe"));
            }
            LeafType type = code < 60 ? LeafType.ofStreamerCode(code % 20) : null; // +20 fixed array, +40 counted array
            if (type == null) return unsupported("a member of streamer type " + code + " (" + b.elementClass() + ")");
            return new BranchShape(code < 20 ? Kind.NUMBER : Kind.LIST, type, null);
        }
        if (b.elementClass() != null) {
            if (!b.branches().isEmpty()) return unsupported("a split object (" + b.elementClass() + "); read its members");
            return ofClass(b.elementClass(), b);
        }
        if (leaf.className().equals("TLeafC")) return new BranchShape(Kind.STRING, null, null);
        LeafType type = LeafType.ofLeaf(leaf.className(), leaf.unsigned());
        if (type == null) return unsupported("leaf class " + leaf.className());
        return new BranchShape(leaf.count() != null || leaf.length() > 1 ? Kind.LIST : Kind.NUMBER, type, null);
    }

    /** An STL class or string, as a top-level branch or a member holds it. */
    private static BranchShape ofClass(String className, Branch b) {
        String cls = className.replace("std::", "").replaceAll("\\s+", " ");
        if (cls.equals("string") || cls.equals("TString")) return new BranchShape(Kind.STRING, null, null);
        if (cls.matches("vector< ?(string|TString) ?>")) return new BranchShape(Kind.STRING_LIST, null, null);
        java.util.regex.Matcher two = java.util.regex.Pattern.compile("vector< ?vector< ?(.+?) ?> ?>").matcher(cls);
        if (two.matches() && LeafType.ofCpp(two.group(1)) != null) return new BranchShape(Kind.LIST_OF_LISTS, LeafType.ofCpp(two.group(1)), null);
        java.util.regex.Matcher one = java.util.regex.Pattern.compile("vector< ?(.+?) ?>").matcher(cls);
        if (one.matches() && LeafType.ofCpp(one.group(1)) != null) return new BranchShape(Kind.LIST, LeafType.ofCpp(one.group(1)), null);
        return unsupported(className);
    }

    private static BranchShape unsupported(String what) {
        return new BranchShape(Kind.UNSUPPORTED, null, what);
    }
}

package flow.rootio;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file's TStreamerInfo record: for each class written, its members with their ROOT type
 * code and C++ type name. The reader needs it where the branch alone does not say what a member
 * holds: an STL member of a split object ({@code vector<short> StlVecI16} of an {@code Event}).
 */
final class StreamerInfos {
    /** A member of a class: its ROOT type code (TStreamerElement fType) and C++ type name. */
    record Member(String name, int type, String typeName) {}

    private final Map<String, Map<String, Member>> classes;

    private StreamerInfos(Map<String, Map<String, Member>> classes) {
        this.classes = classes;
    }

    static StreamerInfos none() {
        return new StreamerInfos(Map.of());
    }

    static StreamerInfos parse(byte[] data, int keylen, String where) {
        return new StreamerInfos(new Parser(new RootBuffer(data, 0, keylen, where)).list());
    }

    Optional<Member> member(String className, String member) {
        return Optional.ofNullable(classes.getOrDefault(className, Map.of()).get(member));
    }

    /** TList of TStreamerInfo, each with a TObjArray of TStreamerElement subclasses. */
    private static final class Parser extends ObjectReader {
        private final Map<String, Map<String, Member>> classes = new LinkedHashMap<>();

        Parser(RootBuffer b) {
            super(b);
        }

        Map<String, Map<String, Member>> list() {
            listBody();
            return classes;
        }

        /** A TList: like a TObjArray without the lower bound, each entry followed by its option string. */
        private List<Object> listBody() {
            RootBuffer.Header h = b.header();
            b.skipTObject();
            b.tstring(); // name
            int n = b.i32();
            List<Object> items = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(any());
                b.skip(b.u8()); // the entry's option string
            }
            b.pos = h.end();
            return items;
        }

        @Override
        protected Object object(String className) {
            if (className.equals("TStreamerInfo")) return info();
            if (className.equals("TObjArray")) return objArray();
            if (className.equals("TList")) return listBody();
            if (className.startsWith("TStreamer")) return element(className);
            b.skipObject();
            return className;
        }

        private Object info() {
            RootBuffer.Header h = b.header();
            String name = b.named()[0];
            b.i32(); // checksum
            b.i32(); // class version
            Object elements = any();
            Map<String, Member> members = new HashMap<>();
            if (elements instanceof List<?> list) list.forEach(e -> { if (e instanceof Member m) members.put(m.name(), m); });
            classes.putIfAbsent(name, members);
            b.pos = h.end();
            return name;
        }

        private Member element(String className) {
            RootBuffer.Header outer = b.header();
            if (className.equals("TStreamerSTLstring")) b.header(); // its base TStreamerSTL, then TStreamerElement
            RootBuffer.Header base = className.equals("TStreamerElement") ? outer : b.header();
            String name = b.named()[0];
            int type = b.i32();
            b.i32(); // size
            b.i32(); // array length
            b.i32(); // array dimensions
            if (base.version() == 1) b.skip(4 * b.i32()); else b.skip(4 * 5); // max index
            String typeName = b.tstring();
            b.pos = outer.end();
            return new Member(name, type, typeName);
        }
    }
}

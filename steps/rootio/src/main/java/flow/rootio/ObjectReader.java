package flow.rootio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads objects as ROOT streamed them: those held by value (a byte count and a version in
 * front), and those held by pointer, with ROOT's class and object references (positions
 * counted from the key's start). Subclasses read the classes they know; the rest are skipped
 * by their byte count and stand as their class name.
 */
abstract class ObjectReader {
    private static final int NEW_CLASS_TAG = 0xFFFFFFFF;
    private static final int CLASS_MASK = 0x80000000;
    private static final int MAP_OFFSET = 2;

    protected final RootBuffer b;
    private final Map<Integer, Object> refs = new HashMap<>();

    protected ObjectReader(RootBuffer b) {
        this.b = b;
    }

    /** Reads an object of a class this reader knows, positioned after its pointer's class tag; or skips it. */
    protected abstract Object object(String className);

    /** A TObjArray held by value. */
    protected List<Object> objArray() {
        RootBuffer.Header h = b.header();
        b.skipTObject();
        b.tstring(); // name
        int n = b.i32();
        b.i32(); // lower bound
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(any());
        b.pos = h.end();
        return items;
    }

    /** An object held by pointer: a new class, a known class by reference, or a reference to an earlier object. */
    protected Object any() {
        int beg = b.displacement();
        int bcnt = b.i32();
        int tag, start = 0;
        boolean counted = (bcnt & RootBuffer.BYTE_COUNT_MASK) != 0 && bcnt != NEW_CLASS_TAG;
        if (counted) {
            start = b.displacement();
            tag = b.i32();
        } else {
            tag = bcnt;
        }
        int end = counted ? beg - b.keylen + 4 + (bcnt & ~RootBuffer.BYTE_COUNT_MASK) : -1;
        if ((tag & CLASS_MASK) == 0) return tag == 0 ? null : refs.get(tag); // an object read earlier
        String className;
        if (tag == NEW_CLASS_TAG) {
            className = b.cstring();
            refs.put(counted ? start + MAP_OFFSET : refs.size() + 1, className);
        } else {
            Object known = refs.get(tag & ~CLASS_MASK);
            if (!(known instanceof String s)) throw b.error("a reference to an unknown class (" + (tag & ~CLASS_MASK) + ")");
            className = s;
        }
        Object obj = object(className);
        if (end >= 0) b.pos = end;
        refs.put(counted ? beg + MAP_OFFSET : refs.size() + 1, obj);
        return obj;
    }

}

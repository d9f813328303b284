package flow.rootio;

/** The numeric types of ROOT leaves, with their size in bytes. */
public enum LeafType {
    BOOL(1, false), I8(1, false), U8(1, false), I16(2, false), U16(2, false), I32(4, false), U32(4, false),
    I64(8, false), U64(8, false), F32(4, true), F64(8, true);

    public final int size;
    public final boolean floating;

    LeafType(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** The type of a TLeafX class ({@code unsigned} from the leaf), or null for a non-numeric leaf. */
    static LeafType ofLeaf(String leafClass, boolean unsigned) {
        return switch (leafClass) {
            case "TLeafO" -> BOOL;
            case "TLeafB" -> unsigned ? U8 : I8;
            case "TLeafS" -> unsigned ? U16 : I16;
            case "TLeafI" -> unsigned ? U32 : I32;
            case "TLeafL" -> unsigned ? U64 : I64;
            case "TLeafF" -> F32;
            case "TLeafD" -> F64;
            default -> null;
        };
    }

    /** The type of a TStreamerElement basic type code (1 char ... 18 bool), or null. */
    static LeafType ofStreamerCode(int code) {
        return switch (code) {
            case 1 -> I8;
            case 2 -> I16;
            case 3, 6 -> I32;
            case 4, 16 -> I64;
            case 5 -> F32;
            case 8 -> F64;
            case 11 -> U8;
            case 12 -> U16;
            case 13 -> U32;
            case 14, 17 -> U64;
            case 18 -> BOOL;
            default -> null;
        };
    }

    /** The element type of {@code vector<T>} / {@code vector<vector<T>>}, or null. */
    static LeafType ofCpp(String type) {
        return switch (type.strip()) {
            case "bool" -> BOOL;
            case "char", "Char_t", "signed char" -> I8;
            case "unsigned char", "UChar_t" -> U8;
            case "short", "Short_t" -> I16;
            case "unsigned short", "UShort_t" -> U16;
            case "int", "Int_t" -> I32;
            case "unsigned int", "UInt_t" -> U32;
            case "long", "Long64_t", "long long", "Long_t" -> I64;
            case "unsigned long", "ULong64_t", "unsigned long long", "ULong_t" -> U64;
            case "float", "Float_t" -> F32;
            case "double", "Double_t" -> F64;
            default -> null;
        };
    }

    /** Reads one value as a double (64-bit integers beyond 2^53 lose precision; use {@link #readLong}). */
    double read(byte[] d, int at) {
        return floating ? (this == F32 ? Float.intBitsToFloat(int32(d, at)) : Double.longBitsToDouble(int64(d, at))) : readLong(d, at);
    }

    long readLong(byte[] d, int at) {
        return switch (this) {
            case BOOL, U8 -> d[at] & 0xff;
            case I8 -> d[at];
            case I16 -> (short) (((d[at] & 0xff) << 8) | (d[at + 1] & 0xff));
            case U16 -> ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
            case I32 -> int32(d, at);
            case U32 -> int32(d, at) & 0xffffffffL;
            case I64, U64 -> int64(d, at);
            case F32 -> (long) Float.intBitsToFloat(int32(d, at));
            case F64 -> (long) Double.longBitsToDouble(int64(d, at));
        };
    }

    static int int32(byte[] d, int at) {
        return ((d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }

    static long int64(byte[] d, int at) {
        return ((long) int32(d, at) << 32) | (int32(d, at + 4) & 0xffffffffL);
    }
}

package flow.rootio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ROOT file opened for reading: its header (small or large-file form), the keys of its
 * directories, and its TTrees by path ({@code dir/sub/tree}). Records are read from a read-only
 * mapping of the file (positioned reads beyond 2 GB), so several threads may read baskets at once.
 */
public final class RootFile implements Closeable {
    private final Path path;
    private final FileChannel channel;
    /** The whole file mapped read-only when it fits one buffer: records are copied out without a system call each. */
    private final java.nio.MappedByteBuffer mapped;
    private final long size;
    private final int version;
    private final int compression;
    private final List<Key> topKeys;
    private final long seekInfo;
    private final int nbytesInfo;
    private StreamerInfos streamers;

    private RootFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.mapped = size > 0 && size <= Integer.MAX_VALUE ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
        RootBuffer h = new RootBuffer(read(0, (int) Math.min(size, 100)), 0, 0, path.toString());
        if (size < 4 || h.i32() != 0x726f6f74) throw new RootException(path + ": not a ROOT file (no 'root' magic)");
        version = h.i32();
        int begin = h.i32();
        boolean large = version >= 1000000;
        if (large) { h.i64(); h.i64(); } else { h.i32(); h.i32(); } // fEND, fSeekFree
        h.i32(); h.i32(); // nbytesFree, nfree
        int nbytesName = h.i32();
        h.u8(); // units
        compression = h.i32();
        seekInfo = large ? h.i64() : h.i32();
        nbytesInfo = h.i32();
        topKeys = directoryKeys(begin + nbytesName, "top directory");
    }

    public static RootFile open(Path path) throws IOException {
        return new RootFile(path);
    }

    public Path path() {
        return path;
    }

    /** The writer's ROOT version, e.g. 61800 for 6.18/00 (the large-file flag removed). */
    public int rootVersion() {
        return version % 1000000;
    }

    /** The file's compression setting: 100 × algorithm + level (1 or 101 zlib, 2xx LZMA, 4xx LZ4, 5xx ZSTD, 0 none). */
    public int compression() {
        return compression;
    }

    /** The TTree at a path such as {@code one/two/tree}; the highest cycle wins. */
    public Tree tree(String treePath) throws IOException {
        List<Key> keys = topKeys;
        String[] parts = treePath.split("/");
        for (int i = 0; i < parts.length; i++) {
            Key key = newest(keys, parts[i], treePath);
            if (i == parts.length - 1) {
                if (!key.className().equals("TTree")) throw new RootException(path + ": " + treePath + " is a " + key.className() + ", not a TTree");
                return TreeParser.parse(this, objectBytes(key), key.keylen(), path + ":" + treePath);
            }
            if (!key.className().startsWith("TDirectory")) throw new RootException(path + ": " + parts[i] + " in " + treePath + " is not a directory");
            RootBuffer dir = new RootBuffer(objectBytes(key), 0, key.keylen(), path + ":" + parts[i]);
            keys = directoryKeys(dir, parts[i]);
        }
        throw new RootException(path + ": empty tree path");
    }

    /** The TTrees of the file, by path, descending into directories. */
    public Map<String, Long> treeNames() throws IOException {
        Map<String, Long> names = new LinkedHashMap<>();
        listTrees(topKeys, "", names);
        return names;
    }

    private void listTrees(List<Key> keys, String prefix, Map<String, Long> into) throws IOException {
        for (Key k : keys) {
            if (k.className().equals("TTree")) into.putIfAbsent(prefix + k.name(), (long) k.cycle());
            else if (k.className().startsWith("TDirectory")) {
                RootBuffer dir = new RootBuffer(objectBytes(k), 0, k.keylen(), path + ":" + k.name());
                listTrees(directoryKeys(dir, k.name()), prefix + k.name() + "/", into);
            }
        }
    }

    private Key newest(List<Key> keys, String name, String treePath) {
        return keys.stream().filter(k -> k.name().equals(name)).max(java.util.Comparator.comparingInt(Key::cycle))
                .orElseThrow(() -> new RootException(path + ": no '" + name + "' (looking for " + treePath + "); has "
                        + keys.stream().map(Key::name).distinct().toList()));
    }

    /** The keys of the directory whose TDirectory record starts at {@code at}. */
    private List<Key> directoryKeys(long at, String what) throws IOException {
        return directoryKeys(new RootBuffer(read(at, (int) Math.min(64, size - at)), 0, 0, path + ":" + what), what);
    }

    private List<Key> directoryKeys(RootBuffer dir, String what) throws IOException {
        int version = dir.i16();
        dir.i32(); dir.i32(); // ctime, mtime
        int nbytesKeys = dir.i32();
        dir.i32(); // nbytesName
        boolean large = version > 1000;
        if (large) { dir.i64(); dir.i64(); } else { dir.i32(); dir.i32(); } // seekDir, seekParent
        long seekKeys = large ? dir.i64() : dir.i32();
        if (seekKeys <= 0 || seekKeys + nbytesKeys > size) throw new RootException(path + ": the key list of " + what + " lies outside the file");
        RootBuffer b = new RootBuffer(read(seekKeys, nbytesKeys), 0, 0, path + ":" + what + " keys");
        Key header = Key.read(b);
        b.pos = header.keylen();
        int n = b.i32();
        List<Key> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) keys.add(Key.read(b));
        return keys;
    }

    /** The classes' member layouts, read once, when first needed. */
    synchronized StreamerInfos streamers() throws IOException {
        if (streamers == null) {
            if (seekInfo <= 0 || nbytesInfo <= 0) return streamers = StreamerInfos.none();
            RootBuffer b = new RootBuffer(read(seekInfo, (int) Math.min(nbytesInfo, size - seekInfo)), 0, 0, path + ": StreamerInfo key");
            Key key = Key.read(b);
            streamers = StreamerInfos.parse(objectBytes(key), key.keylen(), path + ": StreamerInfo");
        }
        return streamers;
    }

    /** A key's object, decompressed. */
    byte[] objectBytes(Key key) throws IOException {
        byte[] record = read(key.seekKey(), key.nbytes());
        return Decompression.inflate(record, key.keylen(), key.nbytes() - key.keylen(), key.objlen(), path + ": " + key.name());
    }

    /** A basket's key and its decompressed payload (key bytes excluded). */
    Basket basket(long seek, int nbytes, String where) throws IOException {
        if (seek <= 0 || seek + nbytes > size) throw new RootException(where + ": basket at " + seek + " lies outside the file");
        byte[] record = read(seek, nbytes);
        RootBuffer b = new RootBuffer(record, 0, 0, where);
        Key key = Key.read(b);
        Basket.Fields f = Basket.Fields.read(b);
        byte[] payload = Decompression.inflate(record, key.keylen(), key.nbytes() - key.keylen(), key.objlen(), where);
        return new Basket(payload, key.keylen(), f);
    }

    byte[] read(long at, int length) throws IOException {
        if (at < 0 || at + length > size) throw new RootException(path + ": a record at " + at + " (" + length + " bytes) lies outside the file (" + size + " bytes)");
        if (mapped != null) {
            byte[] out = new byte[length];
            mapped.get((int) at, out); // an absolute read: safe from several threads
            return out;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) throw new RootException(path + ": file ends early");
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

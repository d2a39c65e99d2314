package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import io.inkwire.wire.StdString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Encodings the OSD messages and op payloads share: byte views, containers, decoding a payload on its own. */
final class OsdWire {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private OsdWire() {
    }

    /** Reads one thing from a decoder. */
    @FunctionalInterface
    interface Reader<T> {
        T read(CephDecoder d) throws ProtocolException;
    }

    /**
     * Decodes a whole payload (an op's output, a cursor) with {@code reader}; a payload that does not
     * decode is a {@link MessageDecodeException} naming {@code what}, as a message that does not decode is.
     */
    static <T> T decode(ByteBuffer payload, String what, Reader<T> reader) throws MessageDecodeException {
        try {
            return reader.read(new CephDecoder(payload.duplicate(), what));
        } catch (MessageDecodeException e) {
            throw e;
        } catch (ProtocolException e) {
            throw new MessageDecodeException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MessageDecodeException(what + ": " + e.getMessage(), e);
        }
    }

    static ByteBuffer encoded(java.util.function.Consumer<CephEncoder> writer) {
        CephEncoder e = new CephEncoder();
        writer.accept(e);
        return view(e.toByteBuffer());
    }

    static ByteBuffer empty() {
        return EMPTY;
    }

    /** A read-only view of {@code b} from its position to its limit; the bytes are not copied. */
    static ByteBuffer view(ByteBuffer b) {
        return b.slice().asReadOnlyBuffer();
    }

    static ByteBuffer view(byte[] b) {
        return ByteBuffer.wrap(b).asReadOnlyBuffer();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** A bufferlist field read as a view into the payload (no copy). */
    static ByteBuffer bufferlist(CephDecoder d) throws ProtocolException {
        return view(d.bytesView());
    }

    /** {@code std::vector<u64>} / {@code std::vector<snapid_t>}. */
    static List<Long> u64List(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(d.u64());
        }
        return Collections.unmodifiableList(out);
    }

    static void u64List(CephEncoder e, Collection<Long> values) {
        e.u32(values.size());
        for (long v : values) {
            e.u64(v);
        }
    }

    /** {@code std::set<std::string>}: sorted as Ceph sorts it. */
    static SortedSet<String> stringSet(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 4);
        SortedSet<String> out = new TreeSet<>(StdString.ORDER);
        for (int i = 0; i < n; i++) {
            out.add(d.string());
        }
        return Collections.unmodifiableSortedSet(out);
    }

    static void stringSet(CephEncoder e, Collection<String> values) {
        SortedSet<String> sorted = new TreeSet<>(StdString.ORDER);
        sorted.addAll(values);
        e.u32(sorted.size());
        sorted.forEach(e::string);
    }

    /** {@code std::map<std::string, bufferlist>} (xattrs, omap values): values are views into the payload. */
    static SortedMap<String, ByteBuffer> blobMap(CephDecoder d, String what) throws ProtocolException {
        int n = d.count(what, 8);
        SortedMap<String, ByteBuffer> out = new TreeMap<>(StdString.ORDER);
        for (int i = 0; i < n; i++) {
            String key = d.string();
            out.put(key, bufferlist(d));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static void blobMap(CephEncoder e, Map<String, ByteBuffer> values) {
        SortedMap<String, ByteBuffer> sorted = sortedBlobs(values);
        e.u32(sorted.size());
        sorted.forEach((k, v) -> e.string(k).bytes(v));
    }

    static SortedMap<String, ByteBuffer> sortedBlobs(Map<String, ByteBuffer> values) {
        SortedMap<String, ByteBuffer> sorted = new TreeMap<>(StdString.ORDER);
        values.forEach((k, v) -> sorted.put(k, view(v)));
        return Collections.unmodifiableSortedMap(sorted);
    }

    /** Checks a value that travels as {@code u32}. */
    static long u32(long v, String what) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " out of u32 range: " + v);
        }
        return v;
    }
}

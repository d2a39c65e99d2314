package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The output of {@code CEPH_OSD_OP_SPARSE_READ}: {@code map<u64 offset, u64 length>} of the extents
 * that hold data, then a bufferlist with those extents' bytes back to back
 * ({@code CB_ObjectOperation_sparse_read}, {@code src/osdc/Objecter.h}).
 *
 * @param extents offset → length, ascending
 * @param data the extents' bytes concatenated (a view into the reply)
 */
public record SparseReadResult(SortedMap<Long, Long> extents, ByteBuffer data) {

    public SparseReadResult {
        SortedMap<Long, Long> sorted = new TreeMap<>(Long::compareUnsigned);
        sorted.putAll(extents);
        extents = Collections.unmodifiableSortedMap(sorted);
        data = OsdWire.view(data);
    }

    public static SparseReadResult of(Map<Long, Long> extents, ByteBuffer data) {
        return new SparseReadResult(new TreeMap<>(extents), data);
    }

    public static SparseReadResult decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "sparse read output", d -> {
            int n = d.count("extents", 16);
            SortedMap<Long, Long> extents = new TreeMap<>(Long::compareUnsigned);
            for (int i = 0; i < n; i++) {
                extents.put(d.u64(), d.u64());
            }
            return new SparseReadResult(extents, OsdWire.bufferlist(d));
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.u32(extents.size());
            extents.forEach((off, len) -> e.u64(off).u64(len));
            e.bytes(data);
        });
    }
}

package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SortedMap;

/**
 * A {@code std::map<std::string, bufferlist>}: the output of {@code CEPH_OSD_OP_GETXATTRS} (xattr
 * names without the OSD's "_" prefix) and of {@code CEPH_OSD_OP_OMAPGETVALSBYKEYS}. Keys in Ceph's
 * byte order; values are views into the reply.
 *
 * @param entries name → value
 */
public record XattrMap(SortedMap<String, ByteBuffer> entries) {

    public XattrMap {
        entries = OsdWire.sortedBlobs(entries);
    }

    public static XattrMap of(Map<String, ByteBuffer> entries) {
        return new XattrMap(OsdWire.sortedBlobs(entries));
    }

    public static XattrMap decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "xattr map", d -> new XattrMap(OsdWire.blobMap(d, "map entries")));
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> OsdWire.blobMap(e, entries));
    }
}

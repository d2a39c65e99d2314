package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The output of {@code CEPH_OSD_OP_OMAPGETVALS}: {@code map<string, bufferlist>} then {@code bool more}
 * (more entries after the last one returned). Old OSDs left the flag out; then a client infers it from
 * a full page, as {@code CB_ObjectOperation_decodevals} does ({@link #more(long)}).
 *
 * @param values key → value, in Ceph's key order; values are views into the reply
 * @param moreFlag the flag when the OSD sent it
 */
public record OmapVals(SortedMap<String, ByteBuffer> values, Optional<Boolean> moreFlag) {

    public OmapVals {
        values = OsdWire.sortedBlobs(values);
        java.util.Objects.requireNonNull(moreFlag, "moreFlag");
    }

    public static OmapVals of(Map<String, ByteBuffer> values, boolean more) {
        return new OmapVals(OsdWire.sortedBlobs(values), Optional.of(more));
    }

    /** Whether a following page exists, for a request of {@code max} entries. */
    public boolean more(long max) {
        return moreFlag.orElse(values.size() == max);
    }

    public static OmapVals decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "omap values", d -> {
            SortedMap<String, ByteBuffer> values = OsdWire.blobMap(d, "omap entries");
            return new OmapVals(values, d.hasRemaining() ? Optional.of(d.bool()) : Optional.empty());
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            OsdWire.blobMap(e, values);
            moreFlag.ifPresent(e::bool);
        });
    }
}

package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The output of {@code CEPH_OSD_OP_OMAPGETKEYS}: {@code set<string>} then {@code bool more}, which old
 * OSDs left out ({@code CB_ObjectOperation_decodekeys}; see {@link #more(long)}).
 *
 * @param keys the keys, in Ceph's order
 * @param moreFlag the flag when the OSD sent it
 */
public record OmapKeys(SortedSet<String> keys, Optional<Boolean> moreFlag) {

    public OmapKeys {
        SortedSet<String> sorted = new TreeSet<>(io.inkwire.wire.StdString.ORDER);
        sorted.addAll(keys);
        keys = Collections.unmodifiableSortedSet(sorted);
        java.util.Objects.requireNonNull(moreFlag, "moreFlag");
    }

    public static OmapKeys of(Collection<String> keys, boolean more) {
        SortedSet<String> sorted = new TreeSet<>(io.inkwire.wire.StdString.ORDER);
        sorted.addAll(keys);
        return new OmapKeys(sorted, Optional.of(more));
    }

    /** Whether a following page exists, for a request of {@code max} keys. */
    public boolean more(long max) {
        return moreFlag.orElse(keys.size() == max);
    }

    public static OmapKeys decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "omap keys", d -> {
            SortedSet<String> keys = OsdWire.stringSet(d, "omap keys");
            return new OmapKeys(keys, d.hasRemaining() ? Optional.of(d.bool()) : Optional.empty());
        });
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            OsdWire.stringSet(e, keys);
            moreFlag.ifPresent(e::bool);
        });
    }
}

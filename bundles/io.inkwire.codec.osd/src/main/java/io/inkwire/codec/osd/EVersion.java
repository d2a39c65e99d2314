package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;

/**
 * {@code eversion_t} ({@code src/osd/osd_types.h}): a PG log position, {@code u64 version} then
 * {@code u32 epoch} (12 raw bytes).
 *
 * @param version the version within the PG
 * @param epoch the map epoch, {@code u32}
 */
public record EVersion(long version, long epoch) {

    public static final EVersion ZERO = new EVersion(0, 0);

    public EVersion {
        OsdWire.u32(epoch, "epoch");
    }

    public static EVersion decode(CephDecoder d) throws ProtocolException {
        long version = d.u64();
        return new EVersion(version, d.u32());
    }

    public void encode(CephEncoder e) {
        e.u64(version).u32(epoch);
    }

    /** As Ceph prints it: {@code epoch'version}. */
    @Override
    public String toString() {
        return epoch + "'" + version;
    }
}

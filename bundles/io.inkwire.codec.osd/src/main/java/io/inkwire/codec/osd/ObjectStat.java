package io.inkwire.codec.osd;

import io.inkwire.api.message.MessageDecodeException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The output of {@code CEPH_OSD_OP_STAT}: {@code u64 size} + {@code ceph::real_time mtime} (encoded as
 * {@code u32 sec, u32 nsec}; {@code CB_ObjectOperation_stat}, {@code src/osdc/Objecter.h}). 16 bytes.
 *
 * @param size the object's size in bytes
 * @param mtime its modification time
 */
public record ObjectStat(long size, UTime mtime) {

    public ObjectStat {
        Objects.requireNonNull(mtime, "mtime");
    }

    public static ObjectStat decode(ByteBuffer output) throws MessageDecodeException {
        return OsdWire.decode(output, "stat output", d -> new ObjectStat(d.u64(), UTime.decode(d)));
    }

    public ByteBuffer encode() {
        return OsdWire.encoded(e -> {
            e.u64(size);
            mtime.encode(e);
        });
    }
}

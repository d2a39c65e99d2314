package io.inkwire.codec.osd;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Instant;

/**
 * {@code utime_t} / {@code ceph_timespec}: {@code u32 sec, u32 nsec}, kept as sent (an nsec of a
 * billion or more is not normalised, so what was decoded encodes back the same).
 *
 * @param sec seconds since the epoch, {@code u32}
 * @param nsec nanoseconds, {@code u32}
 */
public record UTime(long sec, long nsec) {

    public static final UTime ZERO = new UTime(0, 0);

    public UTime {
        OsdWire.u32(sec, "sec");
        OsdWire.u32(nsec, "nsec");
    }

    public static UTime of(Instant t) {
        return new UTime(t.getEpochSecond(), t.getNano());
    }

    public static UTime decode(CephDecoder d) throws ProtocolException {
        long sec = d.u32();
        return new UTime(sec, d.u32());
    }

    public void encode(CephEncoder e) {
        e.u32(sec).u32(nsec);
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(sec, nsec);
    }

    @Override
    public String toString() {
        return toInstant().toString();
    }
}

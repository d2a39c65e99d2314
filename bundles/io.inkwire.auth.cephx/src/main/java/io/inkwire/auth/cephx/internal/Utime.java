package io.inkwire.auth.cephx.internal;

import io.inkwire.api.ProtocolException;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.CephEncoder;
import java.time.Duration;
import java.time.Instant;

/** {@code utime_t}: u32 seconds + u32 nanoseconds; a point in time or (ticket validity) a duration. */
public record Utime(long sec, int nsec) {

    public static final Utime ZERO = new Utime(0, 0);

    public static Utime of(Instant t) {
        return new Utime(t.getEpochSecond(), t.getNano());
    }

    /** {@code utime_t::set_from_double}. */
    public static Utime ofSeconds(double seconds) {
        long s = (long) Math.floor(seconds);
        return new Utime(s, (int) Math.round((seconds - s) * 1e9));
    }

    public static Utime decode(CephDecoder d) throws ProtocolException {
        return new Utime(d.u32(), (int) d.u32());
    }

    public void encode(CephEncoder e) {
        e.utime(sec, nsec);
    }

    public boolean isZero() {
        return sec == 0 && nsec == 0;
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(sec, Integer.toUnsignedLong(nsec));
    }

    public Duration toDuration() {
        return Duration.ofSeconds(sec, Integer.toUnsignedLong(nsec));
    }
}

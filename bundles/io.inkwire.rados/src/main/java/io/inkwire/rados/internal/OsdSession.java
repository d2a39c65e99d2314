package io.inkwire.rados.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.addr.EntityAddr;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lossy session to one OSD ({@code Objecter::OSDSession}): its connection once the handshake
 * is done, the ops waiting on it by tid, and the PGs the OSD asked us to back off from. Guarded by
 * the engine's lock.
 */
final class OsdSession {

    final int osd;
    final EntityAddr addr;
    /** Null until the handshake completes. */
    Connection connection;
    boolean connecting;
    /** When the connect began (for the tick's give-up, {@code Objecter#stuck}). */
    long connectStartedNanos;
    final Map<Long, Op> ops = new LinkedHashMap<>();
    /** PG seeds under an MOSDBackoff block, by pool (the whole PG is held: a superset of the OSD's range). */
    final Set<Long> blockedPgs = new HashSet<>();
    long lastUsedNanos = System.nanoTime();

    OsdSession(int osd, EntityAddr addr) {
        this.osd = osd;
        this.addr = addr;
    }

    static long pgKey(long pool, int seed) {
        return (pool << 32) ^ (seed & 0xffffffffL);
    }

    @Override
    public String toString() {
        return "osd." + osd + " at " + addr + (connection != null ? "" : connecting ? " (connecting)" : " (closed)");
    }
}

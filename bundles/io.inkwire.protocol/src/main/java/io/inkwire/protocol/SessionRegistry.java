package io.inkwire.protocol;

import io.inkwire.api.addr.EntityAddrVec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lossless sessions peers opened with us, by the peer's addresses and client cookie, so that a
 * new socket can resume one with SESSION_RECONNECT (Ceph keeps them in {@code AsyncMessenger::conns}).
 * Lossy sessions are never registered: they die with their socket. Thread-safe.
 */
public final class SessionRegistry {

    private record Key(EntityAddrVec addrs, long clientCookie) {
    }

    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Session, Key> keys = new ConcurrentHashMap<>();

    Session find(EntityAddrVec peerAddrs, long clientCookie) {
        return sessions.get(new Key(peerAddrs, clientCookie));
    }

    /** Whether any session with a peer at these addresses is known (then a different cookie means the peer restarted). */
    boolean knowsPeer(EntityAddrVec peerAddrs) {
        return keys.values().stream().anyMatch(k -> k.addrs().equals(peerAddrs));
    }

    void register(EntityAddrVec peerAddrs, Session s) {
        Key k = new Key(peerAddrs, s.clientCookie);
        Session old = sessions.put(k, s);
        if (old != null && old != s) {
            keys.remove(old);
        }
        keys.put(s, k);
    }

    void unregister(Session s) {
        Key k = keys.remove(s);
        if (k != null) {
            sessions.remove(k, s);
        }
    }

    /** Sessions peers opened that are kept for them to resume. */
    public int size() {
        return sessions.size();
    }
}

package io.inkwire.protocol;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lossless sessions of one messenger, by peer, so that a new socket can resume one with
 * SESSION_RECONNECT and so that two peers dialing each other end up with one session (Ceph keeps
 * them in {@code AsyncMessenger::conns}, one connection per peer address vector).
 *
 * <p>A peer that listens (its identity carries a {@code v2:} address with a port) has at most one
 * session, whoever dialed: a CLIENT_IDENT from it finds the session we dialed to it, or the one it
 * opened earlier under another client cookie (it restarted). A peer that does not listen (a client,
 * {@code any:} address, port 0) cannot be dialed back, so no race exists with it; its sessions are
 * told apart by client cookie, which lets one client messenger hold several sessions with us.
 * Lossy sessions are never registered: they die with their socket. Thread-safe.
 */
public final class SessionRegistry {

    /** A listening peer: its msgr2 address (ip, port, nonce). */
    private record PeerKey(InetAddress ip, int port, int nonce) {
    }

    /** A peer that does not listen: its announced addresses and the session's client cookie. */
    private record ClientKey(EntityAddrVec addrs, long clientCookie) {
    }

    private final Map<Object, Session> sessions = new HashMap<>();
    private final Map<Session, Object> keys = new HashMap<>();

    /** The msgr2 address a peer listens on, if its addresses name one. */
    static Optional<EntityAddr> listeningAddr(EntityAddrVec addrs) {
        return addrs.msgr2().filter(a -> a.port() != 0 && !a.isBlank());
    }

    private static Object key(EntityAddrVec peerAddrs, long clientCookie) {
        Optional<EntityAddr> a = listeningAddr(peerAddrs);
        return a.isPresent() ? peerKey(a.get()) : new ClientKey(peerAddrs, clientCookie);
    }

    private static PeerKey peerKey(EntityAddr a) {
        return new PeerKey(a.ip(), a.port(), a.nonce());
    }

    /**
     * The live session with the peer at {@code peerAddrs}: for a listening peer whatever its
     * cookie, else the one with {@code clientCookie}. Closed sessions are forgotten here.
     */
    synchronized Session find(EntityAddrVec peerAddrs, long clientCookie) {
        return live(key(peerAddrs, clientCookie));
    }

    private Session live(Object k) {
        Session s = sessions.get(k);
        if (s != null && s.isClosed()) {
            sessions.remove(k);
            keys.remove(s);
            return null;
        }
        return s;
    }

    /** Whether a session with a non-listening peer at these addresses is known under some cookie (then a different cookie means it restarted). */
    synchronized boolean knowsPeer(EntityAddrVec peerAddrs) {
        return keys.values().stream().anyMatch(k -> k instanceof ClientKey c && c.addrs().equals(peerAddrs));
    }

    /**
     * Registers {@code s} (an accepted session) for the peer unless a live session holds its place:
     * returns that one (and registers nothing), or null once {@code s} is registered.
     */
    synchronized Session registerIfAbsent(EntityAddrVec peerAddrs, long clientCookie, Session s) {
        Object k = key(peerAddrs, clientCookie);
        Session there = live(k);
        if (there != null && there != s) {
            return there;
        }
        Object old = keys.put(s, k);
        if (old != null && !old.equals(k)) {
            sessions.remove(old, s);
        }
        sessions.put(k, s);
        return null;
    }

    /**
     * The session for a peer we are about to dial ({@code AsyncMessenger::connect_to}): when we
     * listen and a lossless session with the peer at {@code target} exists (dialed by us or
     * opened by it), that one; otherwise a new session from {@code create}, registered when it is
     * lossless and we listen (so that the peer dialing us at the same moment meets it).
     */
    public synchronized Session dial(MessengerCore core, EntityAddr target, EntityType peerType, Supplier<Session> create) {
        boolean weListen = listeningAddr(core.myAddrs()).isPresent();
        boolean keyed = weListen && target.type() == AddrType.MSGR2 && !core.policy(peerType).lossy();
        if (keyed) {
            Session there = live(peerKey(target));
            if (there != null && !there.isLossy()) {
                return there;
            }
        }
        Session s = create.get();
        if (keyed && !s.isLossy()) {
            PeerKey k = peerKey(target);
            sessions.put(k, s);
            keys.put(s, k);
        }
        return s;
    }

    synchronized void unregister(Session s) {
        Object k = keys.remove(s);
        if (k != null) {
            sessions.remove(k, s);
        }
    }

    /** Lossless sessions known by peer (kept for their peers to resume, or dialed by us while we listen). */
    public synchronized int size() {
        sessions.values().removeIf(Session::isClosed);
        keys.keySet().removeIf(Session::isClosed);
        return sessions.size();
    }
}

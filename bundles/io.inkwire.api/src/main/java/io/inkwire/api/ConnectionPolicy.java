package io.inkwire.api;

/**
 * How a session behaves on faults (Ceph's {@code Messenger::Policy}, {@code src/msg/Policy.h}); the
 * presets carry Ceph's values.
 *
 * @param lossy       a fault ends the session: messages in flight may be lost, no reconnect
 * @param server      this side never reconnects; the peer does
 * @param standby     keep an idle lossless session without a socket until there is something to send
 * @param resetcheck  a peer that reconnects with an unknown session is told to reset
 */
public record ConnectionPolicy(boolean lossy, boolean server, boolean standby, boolean resetcheck) {

    /** A client talking to daemons: lossy, the client reconnects by itself (a new session). */
    public static ConnectionPolicy lossyClient() {
        return new ConnectionPolicy(true, false, false, false);
    }

    /** Daemon to daemon: lossless, either side reconnects; no reset check ({@code lossless_peer}). */
    public static ConnectionPolicy losslessPeer() {
        return new ConnectionPolicy(false, false, true, false);
    }

    /** Daemon to daemon, lossless, idle sessions kept without a socket. */
    public static ConnectionPolicy losslessPeerReuse() {
        return new ConnectionPolicy(false, false, true, true);
    }

    /** A daemon serving clients that want lossless sessions: only the client reconnects ({@code stateful_server}). */
    public static ConnectionPolicy statefulServer() {
        return new ConnectionPolicy(false, true, true, true);
    }

    /** A daemon serving lossy clients (a monitor serving clients). */
    public static ConnectionPolicy statelessServer() {
        return new ConnectionPolicy(true, true, false, false);
    }

    /** A lossless client: it reconnects and resends until acknowledged. */
    public static ConnectionPolicy losslessClient() {
        return new ConnectionPolicy(false, false, false, true);
    }
}

package io.inkwire.transport.netty.internal;

import io.inkwire.api.config.CephConfig;

/**
 * The messenger's timing options, read once.
 *
 * @param handshakeMillis  {@code ms_connection_ready_timeout} (Ceph's default 10 s): a socket that has not completed its handshake is dropped
 * @param keepaliveMillis  {@code inkwire_keepalive_interval} (default 10 s, 0 = off): KEEPALIVE2 on established sockets
 * @param deadMillis       {@code inkwire_connection_dead_timeout} (default 30 s, as mon_client_ping_timeout; 0 = never): silence that ends a socket
 * @param initialBackoffMillis {@code ms_initial_backoff} (0.2 s): first wait before redialing a lossless session
 * @param maxBackoffMillis {@code ms_max_backoff} (15 s): the longest wait, doubling up to it; also the wait after a WAIT
 * @param standbyMillis    {@code inkwire_standby_timeout} (default 900 s, as ms_connection_idle_timeout): how long an accepted lossless session waits for its peer to reconnect
 * @param idleMillis       {@code ms_connection_idle_timeout} (Ceph's default 900 s, 0 = never): a lossy msgr2 socket with no message either way
 *                         and no keepalive the application asked for in that long is closed ({@code AsyncConnection::tick}); checked on the
 *                         keepalive interval, whose own automatic keepalives do not count as activity
 */
record Timeouts(long handshakeMillis, long keepaliveMillis, long deadMillis, long initialBackoffMillis, long maxBackoffMillis, long standbyMillis,
                long idleMillis) {

    static Timeouts from(CephConfig o) {
        return new Timeouts(millis(o, "ms_connection_ready_timeout", 10), millis(o, "inkwire_keepalive_interval", 10),
                millis(o, "inkwire_connection_dead_timeout", 30), millis(o, "ms_initial_backoff", 0.2), millis(o, "ms_max_backoff", 15),
                millis(o, "inkwire_standby_timeout", 900), millis(o, "ms_connection_idle_timeout", 900));
    }

    private static long millis(CephConfig o, String name, double fallbackSeconds) {
        return Math.round(o.getSeconds(name, fallbackSeconds) * 1000);
    }
}

package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.transport.netty.internal.NettyConnection;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keepalive and dead-peer detection ({@code inkwire_keepalive_interval}, {@code
 * inkwire_connection_dead_timeout}) and the idle close of lossy connections ({@code
 * ms_connection_idle_timeout}), on real sockets. A {@link MuteProxy} between client and server
 * makes a peer that completed its handshake fall silent with its socket still open.
 *
 * <p>The timeouts are short, but each is many keepalive intervals (or traffic intervals) long, so
 * only a stall of the whole JVM for about that long could turn a healthy socket dead or idle; the
 * bounds on when a timeout fired are taken from what crossed the proxy, not from the test's own
 * pace.
 */
class DeadPeerAndIdleTest {

    private static final double KEEPALIVE_S = 0.1;
    /** Fifteen keepalive intervals. */
    private static final double DEAD_S = 1.5;

    /** What one messenger's dispatcher heard. */
    static final class Events implements Dispatcher {
        final BlockingQueue<RawMessage> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> fault = new CompletableFuture<>();
        /** When the first fault was reported ({@link System#nanoTime()}). */
        volatile long faultNanos;
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        final boolean echo;

        Events(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void onMessage(Connection c, RawMessage m) {
            messages.add(m.copy());
            if (echo) {
                c.send(RawMessage.builder(m.type() + 1).tid(m.tid()).build());
            }
        }

        @Override
        public void onFault(Connection c, Throwable cause) {
            if (!fault.isDone()) {
                faultNanos = System.nanoTime();
            }
            fault.complete(cause);
        }

        @Override
        public void onClosed(Connection c, Throwable cause) {
            closed.complete(cause);
        }
    }

    private static CephConfig options(String... extra) {
        Map<String, String> m = new HashMap<>(Map.of("auth_client_required", "none", "auth_service_required", "none",
                "ms_mon_client_mode", "crc", "ms_mon_service_mode", "crc", "ms_async_op_threads", "1",
                "inkwire_keepalive_interval", String.valueOf(KEEPALIVE_S), "inkwire_connection_dead_timeout", String.valueOf(DEAD_S),
                "ms_initial_backoff", "0.01", "ms_max_backoff", "0.2"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return CephConfig.of(m);
    }

    private static MessengerConfig config(EntityName name, CephConfig o, Dispatcher d, ConnectionPolicy p) {
        return MessengerConfig.builder(name).options(o).authProvider(new NoneAuthProvider()).mode(new CrcConnectionMode()).dispatcher(d)
                .policies(t -> p).build();
    }

    /** A client (with {@code extra} options) and a monitor-like server; the client dials the server through a {@link MuteProxy}. */
    private record Pair(io.inkwire.api.Messenger server, io.inkwire.api.Messenger client, MuteProxy proxy, EntityAddr addr) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            client.close();
            server.close();
            proxy.close();
        }
    }

    private static Pair pair(Events serverEvents, Events clientEvents, ConnectionPolicy serverPolicy, ConnectionPolicy clientPolicy,
                             String... extra) throws Exception {
        // the options under test are the client's: the server neither declares the client dead nor closes it as idle
        io.inkwire.api.Messenger server = new NettyMessengerFactory().create(config(new EntityName(EntityType.MON, "x"),
                options("inkwire_connection_dead_timeout", "30"), serverEvents, serverPolicy));
        EntityAddr addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
        MuteProxy proxy = new MuteProxy(addr.socketAddress());
        String[] withRedirect = java.util.Arrays.copyOf(extra, extra.length + 2);
        withRedirect[extra.length] = "inkwire_dial_redirect";
        withRedirect[extra.length + 1] = "127.0.0.1:" + addr.port() + "=127.0.0.1:" + proxy.port();
        io.inkwire.api.Messenger client = new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, options(withRedirect), clientEvents,
                clientPolicy));
        return new Pair(server, client, proxy, addr);
    }

    @Test
    void a_silent_peer_of_a_lossless_session_is_declared_dead_reported_as_a_fault_and_the_session_resumes() throws Exception {
        Events atServer = new Events(true);
        Events atClient = new Events(false);
        try (Pair p = pair(atServer, atClient, ConnectionPolicy.statefulServer(), ConnectionPolicy.losslessClient())) {
            Connection c = p.client().connect(p.addr(), EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.send(RawMessage.builder(0x7001).tid(1).build());
            assertEquals(1, atClient.messages.poll(10, TimeUnit.SECONDS).tid());

            p.proxy().mute();
            Throwable cause = atClient.fault.get(10, TimeUnit.SECONDS);
            assertTrue(String.valueOf(cause.getMessage()).contains("declared dead"), String.valueOf(cause));
            // not before the timeout: the client last heard something when the proxy last passed it bytes, or later
            long silentMs = TimeUnit.NANOSECONDS.toMillis(atClient.faultNanos - p.proxy().lastToDialerNanos(0));
            assertTrue(silentMs >= DEAD_S * 1000, "declared dead after " + silentMs + " ms of silence");
            assertTrue(atClient.closed.getNow(null) == null && !atClient.closed.isDone(), "a lossless session survives its dead socket");

            // the client dials again (through the proxy, no longer mute for a new socket) and the session resumes
            c.send(RawMessage.builder(0x7001).tid(2).build());
            assertEquals(2, atClient.messages.poll(10, TimeUnit.SECONDS).tid());
            assertTrue(((NettyConnection) c).sockets() >= 2, "a new socket carries the session");
            assertEquals(2, atServer.messages.size(), "each request reached the server once");
        }
    }

    @Test
    void a_silent_peer_of_a_lossy_session_is_declared_dead_and_reported_closed() throws Exception {
        Events atServer = new Events(true);
        Events atClient = new Events(false);
        try (Pair p = pair(atServer, atClient, ConnectionPolicy.statelessServer(), ConnectionPolicy.lossyClient())) {
            Connection c = p.client().connect(p.addr(), EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            p.proxy().mute();
            Throwable cause = atClient.closed.get(10, TimeUnit.SECONDS);
            long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p.proxy().lastToDialerNanos(0));
            assertTrue(String.valueOf(cause.getMessage()).contains("declared dead"), String.valueOf(cause));
            assertTrue(silentMs >= DEAD_S * 1000, "declared dead after " + silentMs + " ms of silence");
            assertTrue(!c.isOpen());
            assertTrue(!atClient.fault.isDone(), "a lossy session is closed, not faulted");
        }
    }

    @Test
    void keepalives_keep_a_quiet_session_open_past_the_dead_timeout() throws Exception {
        Events atServer = new Events(true);
        Events atClient = new Events(false);
        // an idle timeout shorter than the wait too: it never closes a lossless session
        try (Pair p = pair(atServer, atClient, ConnectionPolicy.statefulServer(), ConnectionPolicy.losslessClient(),
                "ms_connection_idle_timeout", "0.3")) {
            Connection c = p.client().connect(p.addr(), EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long quietFrom = System.nanoTime();
            Thread.sleep((long) (DEAD_S * 1000 * 3)); // the subject of the test: quiet time, three dead timeouts long
            assertTrue(c.isOpen());
            // and keepalives kept it: the server still talked to the client after two dead timeouts of quiet
            long heardAfterMs = TimeUnit.NANOSECONDS.toMillis(p.proxy().lastToDialerNanos(0) - quietFrom);
            assertTrue(heardAfterMs > DEAD_S * 1000 * 2, "the client last heard the server " + heardAfterMs + " ms into the quiet time");
            assertTrue(!atClient.fault.isDone() && !atServer.fault.isDone(), "the client did not declare the server dead");
            assertEquals(1, ((NettyConnection) c).sockets(), "still the first socket");
            c.send(RawMessage.builder(0x7001).tid(7).build());
            assertEquals(7, atClient.messages.poll(10, TimeUnit.SECONDS).tid());
        }
    }

    @Test
    void an_idle_lossy_connection_is_closed_after_ms_connection_idle_timeout_and_a_busy_one_is_not() throws Exception {
        Events atServer = new Events(true);
        Events atClient = new Events(false);
        double idleS = 2.0;
        long paceMs = 100; // traffic on the busy connection: twenty times inside the idle timeout
        try (Pair p = pair(atServer, atClient, ConnectionPolicy.statelessServer(), ConnectionPolicy.lossyClient(),
                "ms_connection_idle_timeout", String.valueOf(idleS), "inkwire_connection_dead_timeout", "30")) {
            long start = System.nanoTime();
            Connection idle = p.client().connect(p.addr(), EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Connection busy = p.client().connect(p.addr(), EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> idleClosed = idle.closeFuture().toCompletableFuture();
            CompletableFuture<Long> idleClosedAt = idleClosed.handle((v, t) -> System.nanoTime());
            CompletableFuture<Void> busyClosed = busy.closeFuture().toCompletableFuture();
            // the busy one keeps talking until the idle one is closed, and for one and a half idle timeouts more
            long tid = 0;
            long until = Long.MAX_VALUE;
            while (System.nanoTime() < until && !busyClosed.isDone()) {
                if (until == Long.MAX_VALUE && idleClosed.isDone()) {
                    until = System.nanoTime() + (long) (idleS * 1.5e9);
                }
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "the idle connection was never closed");
                busy.send(RawMessage.builder(0x7001).tid(++tid).build());
                assertEquals(tid, atClient.messages.poll(10, TimeUnit.SECONDS).tid());
                Thread.sleep(paceMs);
            }
            long idleClosedAfterMs = TimeUnit.NANOSECONDS.toMillis(idleClosedAt.get(10, TimeUnit.SECONDS) - start);

            // the idle one: closed as idle, and not before the timeout (start was before it existed)
            assertTrue(idleClosed.isCompletedExceptionally(), "the idle connection was closed");
            Throwable cause = atClient.closed.getNow(null);
            assertInstanceOf(SocketTimeoutException.class, cause);
            assertTrue(cause.getMessage().contains("ms_connection_idle_timeout"), cause.getMessage());
            assertTrue(idleClosedAfterMs >= idleS * 1000, "closed after " + idleClosedAfterMs + " ms");
            // the busy one: open through all of it, and still usable
            assertTrue(!busyClosed.isDone() && busy.isOpen(), "the busy connection stays");
            busy.send(RawMessage.builder(0x7001).tid(++tid).build());
            assertEquals(tid, atClient.messages.poll(10, TimeUnit.SECONDS).tid());
            assertNull(atServer.fault.getNow(null));
        }
    }
}

package io.inkwire.transport.netty;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.auth.cephx.CephxAuthProvider;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.mode.secure.SecureConnectionMode;
import io.inkwire.transport.netty.internal.NettyConnection;
import io.inkwire.transport.netty.internal.NettyMessenger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exactly-once workload: a lossless session between two inkwire messengers, both cutting
 * their sockets at random ({@code ms_inject_socket_failures}), the client sending {@code messages}
 * messages of mixed sizes (0 B to 1 MiB) and the server answering each with a message of its own.
 * Each side checks that what arrives is the next number, with the contents its number implies:
 * a loss, a duplicate or a reordering fails the run.
 *
 * <p>One seed drives the contents and both injectors ({@code inkwire_inject_socket_failures_seed},
 * one stream per side), and every failure names it. Each side draws once per frame written and
 * once per read, and writes every message at least once, so a side cuts at least as often as its
 * stream has hits among its first {@code messages} draws: fixed by the seed, whatever the timing.
 */
final class ExactlyOnceRun {

    static final int TYPE_REQUEST = 0x7001;
    static final int TYPE_REPLY = 0x7002;

    /** @param cuts sockets the injector cut, both sides; {@code reconnects} sockets the session had beyond the first */
    record Result(long messages, long bytes, long cuts, long reconnects, double seconds, long peakHeapBytes) {
        @Override
        public String toString() {
            return String.format("%d messages each way (%.1f MB client→server) in %.1f s, %d sockets cut, %d reconnects, peak heap %d MiB",
                    messages, bytes / 1e6, seconds, cuts, reconnects, peakHeapBytes >> 20);
        }
    }

    private final long messages;
    private final String auth;
    private final String mode;
    private final long cutOneIn;
    private final long seed;
    private final int window;

    ExactlyOnceRun(long messages, String auth, String mode, long cutOneIn, long seed, int window) {
        this.messages = messages;
        this.auth = auth;
        this.mode = mode;
        this.cutOneIn = cutOneIn;
        this.seed = seed;
        this.window = window;
    }

    /** Sizes: mostly small, a quarter up to 64 KiB, one in twenty up to 1 MiB, and some empty. */
    static int size(long seed, long n) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        int k = r.nextInt(100);
        if (k < 5) {
            return 0;
        }
        if (k < 70) {
            return r.nextInt(1024);
        }
        if (k < 95) {
            return r.nextInt(64 << 10);
        }
        return (1 << 20) - r.nextInt(1 << 19);
    }

    static byte[] payload(long seed, long n, int size) {
        byte[] b = new byte[size];
        long x = seed ^ (n * 0xBF58476D1CE4E5B9L);
        for (int i = 0; i < size; i++) {
            if ((i & 7) == 0) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            b[i] = (byte) (x >>> ((i & 7) * 8));
        }
        return b;
    }

    static RawMessage message(int type, long seed, long n) {
        int size = size(seed, n);
        byte[] front = ByteBuffer.allocate(8).putLong(n).array();
        return RawMessage.builder(type).tid(n).front(front).data(payload(seed, n, size)).build();
    }

    /** Throws unless {@code m} is message number {@code expected} with the right contents. */
    static void check(RawMessage m, int type, long seed, long expected) {
        if (m.type() != type || m.tid() != expected) {
            throw new AssertionError("expected message " + expected + " of type " + type + ", got " + m.tid() + " of type " + m.type()
                    + " (seq " + m.seq() + ")");
        }
        byte[] want = payload(seed, expected, size(seed, expected));
        byte[] got = new byte[m.dataLength()];
        m.data().duplicate().get(got);
        if (!java.util.Arrays.equals(want, got)) {
            throw new AssertionError("message " + expected + ": contents differ (" + got.length + " bytes, expected " + want.length + ")");
        }
    }

    CephConfig options(boolean inject) {
        Map<String, String> m = new HashMap<>();
        for (String o : new String[] {"auth_cluster_required", "auth_service_required", "auth_client_required"}) {
            m.put(o, auth);
        }
        for (String o : new String[] {"ms_cluster_mode", "ms_service_mode", "ms_client_mode", "ms_mon_cluster_mode", "ms_mon_service_mode",
            "ms_mon_client_mode"}) {
            m.put(o, mode);
        }
        m.put("ms_initial_backoff", "0.001");
        m.put("ms_max_backoff", "0.05");
        m.put("ms_connection_ready_timeout", "30");
        if (inject) {
            m.put("ms_inject_socket_failures", Long.toString(cutOneIn));
        }
        return CephConfig.of(m);
    }

    MessengerConfig config(EntityName name, Keyring keys, Dispatcher d) {
        CephConfig o = options(true).with("inkwire_inject_socket_failures_seed", Long.toString(injectorSeed(seed, name)));
        MessengerConfig.Builder b = MessengerConfig.builder(name).options(o).keyring(keys)
                .authProvider(new NoneAuthProvider()).authProvider(new CephxAuthProvider())
                .mode(new CrcConnectionMode()).mode(new SecureConnectionMode()).dispatcher(d);
        // the client reconnects and resends; the server keeps the session for it (Ceph's lossless client / stateful server)
        b.policies(peer -> name.type() == EntityType.CLIENT ? ConnectionPolicy.losslessClient() : ConnectionPolicy.statefulServer());
        return b.build();
    }

    /** The fault injector's seed of one side (never 0, which means unseeded). */
    static long injectorSeed(long seed, EntityName side) {
        return seed * 2 + (side.type() == EntityType.CLIENT ? 1 : 2);
    }

    /** Runs the workload; a failure names the seed that replays it. */
    Result run(long timeoutSeconds) throws Exception {
        try {
            return runSeeded(timeoutSeconds);
        } catch (AssertionError e) {
            throw new AssertionError(this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ExactlyOnceRun(" + messages + " messages, " + auth + "+" + mode + ", cut 1 in " + cutOneIn + ", seed " + seed + ")";
    }

    private Result runSeeded(long timeoutSeconds) throws Exception {
        EntityName serverName = new EntityName(EntityType.MON, "x");
        Keyring keys = Keyring.generated(EntityName.CLIENT_ADMIN, serverName);
        AtomicLong serverNext = new AtomicLong(1);
        AtomicLong clientNext = new AtomicLong(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Semaphore inFlight = new Semaphore(window);
        AtomicLong peakHeap = new AtomicLong();

        Dispatcher server = new Dispatcher() {
            @Override
            public void onMessage(Connection c, RawMessage m) {
                try {
                    long n = serverNext.getAndIncrement();
                    check(m, TYPE_REQUEST, seed, n);
                    c.send(message(TYPE_REPLY, ~seed, n));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    done.countDown();
                }
            }

            @Override
            public void onRemoteReset(Connection c) {
                failure.compareAndSet(null, new AssertionError("server saw a remote reset: the session was lost"));
                done.countDown();
            }
        };
        Dispatcher client = new Dispatcher() {
            @Override
            public void onMessage(Connection c, RawMessage m) {
                try {
                    long n = clientNext.getAndIncrement();
                    check(m, TYPE_REPLY, ~seed, n);
                    inFlight.release();
                    if (n == messages) {
                        done.countDown();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    done.countDown();
                }
            }

            @Override
            public void onRemoteReset(Connection c) {
                failure.compareAndSet(null, new AssertionError("client saw a remote reset: the session was lost"));
                done.countDown();
            }

            @Override
            public void onClosed(Connection c, Throwable cause) {
                failure.compareAndSet(null, new AssertionError("the lossless session closed", cause));
                done.countDown();
            }
        };
        long start = System.nanoTime();
        long bytes = 0;
        try (NettyMessenger s = (NettyMessenger) new NettyMessengerFactory().create(config(serverName, keys, server));
             NettyMessenger c = (NettyMessenger) new NettyMessengerFactory().create(config(EntityName.CLIENT_ADMIN, keys, client))) {
            EntityAddr addr = s.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection conn = c.connect(addr, EntityType.MON).toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            Runtime rt = Runtime.getRuntime();
            for (long n = 1; n <= messages && failure.get() == null; n++) {
                while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null || System.nanoTime() > deadline) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeoutSeconds + " s: server at " + (serverNext.get() - 1) + ", client at "
                            + (clientNext.get() - 1) + " of " + messages + ", " + (s.injectedFaults() + c.injectedFaults()) + " cuts");
                }
                RawMessage m = message(TYPE_REQUEST, seed, n);
                bytes += m.dataLength() + 8;
                conn.send(m);
                if ((n & 255) == 0) {
                    peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                }
            }
            if (!done.await(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())), TimeUnit.SECONDS)) {
                throw new AssertionError("timed out: server at " + (serverNext.get() - 1) + ", client at " + (clientNext.get() - 1) + " of " + messages
                        + ", " + (s.injectedFaults() + c.injectedFaults()) + " cuts");
            }
            if (failure.get() != null) {
                throw new AssertionError("exactly-once violated after " + (s.injectedFaults() + c.injectedFaults()) + " cuts: "
                        + failure.get().getMessage(), failure.get());
            }
            if (serverNext.get() - 1 != messages || clientNext.get() - 1 != messages) {
                throw new AssertionError("server got " + (serverNext.get() - 1) + ", client got " + (clientNext.get() - 1) + " of " + messages);
            }
            long reconnects = ((NettyConnection) conn).sockets() - 1;
            double secs = (System.nanoTime() - start) / 1e9;
            Result r = new Result(messages, bytes, s.injectedFaults() + c.injectedFaults(), reconnects, secs, peakHeap.get());
            conn.close();
            return r;
        }
    }
}

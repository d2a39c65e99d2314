package io.inkwire.cli;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One inkwire run: {@code connections} connector sessions, each keeping {@code inFlight} messages
 * of {@code size} bytes (data segment) outstanding. Every reply releases the next send from the
 * I/O thread that delivered it, so the application adds no thread hop. The in-process acceptor
 * answers each message with an empty one of the same tid; {@code inkwire serve} echoes it whole.
 */
final class BenchWorkload {

    /** A message type no codec claims, so both ends pass it through as a raw message. */
    static final int MESSAGE_TYPE = 0x7e58;

    /** What one run is asked to do. */
    record Spec(String mode, String auth, int size, int connections, int inFlight, double warmupSeconds,
                double seconds, EntityAddr target) {
    }

    /** What one run measured (the measurement window only, after the warm-up). */
    record Result(Spec spec, String negotiated, long messages, double seconds, LatencyHistogram latency,
                  ResourceMeter.Usage usage, boolean echo) {

        double messagesPerSecond() {
            return messages / seconds;
        }

        /** Payload bytes the connector sent per second, in MB/s (10^6). */
        double megabytesPerSecond() {
            return messages * (double) spec.size() / seconds / 1e6;
        }
    }

    private final Providers providers;
    private final CephConfig baseOptions;
    private final Keyring targetKeyring;
    private final EntityName clientName;

    BenchWorkload(Providers providers, CephConfig baseOptions, Keyring targetKeyring, EntityName clientName) {
        this.providers = providers;
        this.baseOptions = baseOptions;
        this.targetKeyring = targetKeyring;
        this.clientName = clientName;
    }

    /**
     * Runs one spec: connect, warm up, measure, drain.
     *
     * @param progress called about once a second with a line describing the run so far
     */
    Result run(Spec spec, Consumer<String> progress) throws Exception {
        CephConfig options = optionsFor(spec);
        EntityName serverName = new EntityName(EntityType.MON, "bench");
        Keyring keyring = spec.target() == null ? Keyring.generated(clientName, serverName) : targetKeyring;
        Map<Connection, Driver> drivers = new ConcurrentHashMap<>();
        Dispatcher clientSide = (c, m) -> {
            Driver d = drivers.get(c);
            if (d != null) {
                d.onReply(m);
            }
        };
        Messenger server = null;
        try (Messenger client = providers.transport.create(config(clientName, options, keyring, clientSide))) {
            EntityAddr addr = spec.target();
            if (addr == null) {
                // the empty reply keeps the figure one-directional, like the loopback stream it is compared with
                Dispatcher acceptorSide = (c, m) -> c.send(RawMessage.builder(m.type()).tid(m.tid()).build());
                server = providers.transport.create(config(serverName, options, keyring, acceptorSide));
                addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS).get(0);
            }
            ByteBuffer payload = ByteBuffer.wrap(MachineLimits.randomBytes(spec.size()));
            List<Driver> all = new ArrayList<>();
            String negotiated = "";
            for (int i = 0; i < spec.connections(); i++) {
                Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(30, TimeUnit.SECONDS);
                negotiated = c.info().map(ConnectionInfo::summary).orElse("");
                Driver d = new Driver(c, payload, spec.inFlight());
                drivers.put(c, d);
                all.add(d);
            }
            all.forEach(Driver::start);

            sleepWithProgress(spec, all, spec.warmupSeconds(), "warm-up", progress);
            ResourceMeter.Snapshot before = ResourceMeter.now();
            long ackedBefore = acked(all);
            all.forEach(d -> d.measuring = true);
            sleepWithProgress(spec, all, spec.seconds(), "measuring", progress);
            all.forEach(d -> d.measuring = false);
            long ackedAfter = acked(all);
            ResourceMeter.Snapshot after = ResourceMeter.now();
            all.forEach(d -> d.stop = true);
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (all.stream().anyMatch(d -> d.inFlight() > 0) && System.nanoTime() < drainUntil) {
                Thread.sleep(5);
            }
            LatencyHistogram latency = new LatencyHistogram();
            for (Driver d : all) {
                synchronized (d) {
                    latency.merge(d.histogram);
                }
                if (d.failure != null) {
                    throw new IllegalStateException("bench: " + d.failure);
                }
            }
            all.forEach(d -> d.connection.close());
            ResourceMeter.Usage usage = after.since(before);
            return new Result(spec, negotiated, ackedAfter - ackedBefore, usage.seconds(), latency, usage, spec.target() != null);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static long acked(List<Driver> all) {
        long n = 0;
        for (Driver d : all) {
            n += d.acked.get();
        }
        return n;
    }

    private static void sleepWithProgress(Spec spec, List<Driver> all, double seconds, String phase, Consumer<String> progress)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long lastAcked = acked(all);
        long lastAt = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(1000, (end - now) / 1_000_000)));
            now = System.nanoTime();
            long a = acked(all);
            double rate = (a - lastAcked) / ((now - lastAt) / 1e9);
            progress.accept(String.format("%s %s size=%d conns=%d in-flight=%d: %s %.1f/%.1f s, %,.0f msg/s, %,.1f MB/s",
                    spec.mode(), spec.auth(), spec.size(), spec.connections(), spec.inFlight(), phase, (now - start) / 1e9, seconds,
                    rate, rate * spec.size() / 1e6));
            lastAcked = a;
            lastAt = now;
        }
    }

    private CephConfig optionsFor(Spec spec) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String opt : new String[] {"auth_cluster_required", "auth_service_required", "auth_client_required"}) {
            o.put(opt, spec.auth());
        }
        for (String opt : new String[] {"ms_cluster_mode", "ms_service_mode", "ms_client_mode", "ms_mon_cluster_mode",
            "ms_mon_service_mode", "ms_mon_client_mode"}) {
            o.put(opt, spec.mode());
        }
        return baseOptions.withAll(CephConfig.of(o));
    }

    private MessengerConfig config(EntityName name, CephConfig options, Keyring keyring, Dispatcher d) {
        return MessengerConfig.builder(name).options(options).keyring(keyring).authProviders(providers.auth)
                .modes(providers.modes).codecs(providers.codecs).dispatcher(d).build();
    }

    /**
     * One connection's closed loop. The monitor guards the bookkeeping only; {@link Connection#send}
     * is always called outside it, since a transport may call the dispatcher (and so
     * {@link #onReply}) while holding locks of its own.
     */
    static final class Driver {
        final Connection connection;
        final AtomicLong acked = new AtomicLong();
        final LatencyHistogram histogram = new LatencyHistogram();
        volatile boolean measuring;
        volatile boolean stop;
        volatile String failure;
        private final ByteBuffer payload;
        private final int window;
        /** Send time and tid of each outstanding message, by tid modulo the ring size. */
        private final long[] sentAt;
        private final long[] sentTid;
        private final int mask;
        private long nextTid = 1;
        private int outstanding;

        Driver(Connection connection, ByteBuffer payload, int window) {
            this.connection = connection;
            this.payload = payload;
            this.window = window;
            // the first burst (caller's thread) and the sends its replies release (I/O thread) may
            // interleave, so outstanding tids can spread over more than the window
            int ring = Integer.highestOneBit(Math.max(2, window) * 4 - 1) * 2;
            this.sentAt = new long[ring];
            this.sentTid = new long[ring];
            this.mask = ring - 1;
        }

        void start() {
            for (int i = 0; i < window; i++) {
                send(claim());
            }
        }

        synchronized int inFlight() {
            return outstanding;
        }

        void onReply(RawMessage m) {
            long now = System.nanoTime();
            long next = 0;
            synchronized (this) {
                int slot = (int) (m.tid() & mask);
                if (sentTid[slot] != m.tid()) {
                    failure = "a reply with tid " + m.tid() + " that is not outstanding";
                    stop = true;
                    return;
                }
                sentTid[slot] = 0;
                if (measuring) {
                    histogram.record(now - sentAt[slot]);
                }
                outstanding--;
                acked.incrementAndGet();
                if (!stop) {
                    next = claim();
                }
            }
            if (next != 0) {
                send(next);
            }
        }

        /** Books the next tid as outstanding; 0 if its ring slot is still taken (never with a sane peer). */
        private synchronized long claim() {
            long tid = nextTid++;
            int slot = (int) (tid & mask);
            if (sentTid[slot] != 0) {
                failure = "more than " + (mask + 1) + " messages outstanding";
                stop = true;
                return 0;
            }
            sentTid[slot] = tid;
            sentAt[slot] = System.nanoTime();
            outstanding++;
            return tid;
        }

        private void send(long tid) {
            if (tid != 0) {
                connection.send(RawMessage.builder(MESSAGE_TYPE).tid(tid).data(payload).build());
            }
        }
    }
}

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
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code demo}: with no cluster at all, an inkwire acceptor ({@code mon.demo}) and connector
 * ({@code client.admin}) in this process on 127.0.0.1, once per installed auth/mode pair (cephx +
 * secure, cephx + crc, none + crc). Each run handshakes, checks an echoed message byte for byte,
 * then streams messages for a moment and prints what was negotiated and the throughput.
 */
final class DemoCommand {

    static final int MESSAGE_TYPE = 0x7e57;
    static final int IN_FLIGHT = 32;

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(CliContext ctx, PrintStream out, PrintStream err) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        int size = Integer.parseInt(ctx.args.commandFlags.getOrDefault("size", "65536"));
        double seconds = Double.parseDouble(ctx.args.commandFlags.getOrDefault("seconds", "1.5"));
        List<String[]> pairs = new ArrayList<>();
        if (ctx.providers.hasAuth("cephx") && ctx.providers.hasMode("secure")) {
            pairs.add(new String[] {"cephx", "secure"});
        }
        if (ctx.providers.hasAuth("cephx")) {
            pairs.add(new String[] {"cephx", "crc"});
        }
        if (ctx.providers.hasAuth("none") && ctx.providers.hasMode("crc")) {
            pairs.add(new String[] {"none", "crc"});
        }
        if (pairs.isEmpty()) {
            throw new IllegalStateException("no usable auth/mode providers installed");
        }
        out.println("inkwire demo: acceptor mon.demo and connector client.admin in one process on 127.0.0.1");
        for (String[] p : pairs) {
            runPair(p[0], p[1], size, seconds);
        }
        return 0;
    }

    private void runPair(String auth, String mode, int size, double seconds) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (String opt : new String[] {"auth_cluster_required", "auth_service_required", "auth_client_required"}) {
            o.put(opt, auth);
        }
        for (String opt : new String[] {"ms_cluster_mode", "ms_service_mode", "ms_client_mode", "ms_mon_cluster_mode",
            "ms_mon_service_mode", "ms_mon_client_mode"}) {
            o.put(opt, mode);
        }
        CephConfig options = ctx.options.withAll(CephConfig.of(o));
        EntityName serverName = new EntityName(EntityType.MON, "demo");
        Keyring keyring = Keyring.generated(EntityName.CLIENT_ADMIN, serverName); // fresh keys for this run

        // the probe's echo views the received buffer: toBuilder() shares its count, so it stays alive until written
        Dispatcher acceptorSide = (c, m) -> c.send(m.tid() == 0
                ? m.toBuilder().front(m.data()).data(java.nio.ByteBuffer.allocate(0)).build()
                : RawMessage.builder(m.type()).tid(m.tid()).build());
        AtomicLong acked = new AtomicLong();
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<RawMessage> firstReply = new ArrayList<>();
        Dispatcher connectorSide = (c, m) -> {
            if (m.tid() == 0) {
                synchronized (firstReply) {
                    firstReply.add(m.copy()); // kept past the callback: a copy (the received buffer goes back to the pool)
                    firstReply.notifyAll();
                }
            } else {
                acked.incrementAndGet();
                window.release();
            }
        };
        try (Messenger server = ctx.providers.transport.create(config(serverName, options, keyring, acceptorSide));
             Messenger client = ctx.providers.transport.create(config(EntityName.CLIENT_ADMIN, options, keyring, connectorSide))) {
            EntityAddr addr = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(30, TimeUnit.SECONDS);
            ConnectionInfo info = c.info().orElseThrow();

            byte[] probe = new byte[4096];
            new SecureRandom().nextBytes(probe);
            c.send(RawMessage.builder(MESSAGE_TYPE).tid(0).data(probe).build());
            RawMessage echo;
            synchronized (firstReply) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (firstReply.isEmpty() && System.nanoTime() < until) {
                    firstReply.wait(100);
                }
                echo = firstReply.isEmpty() ? null : firstReply.get(0);
            }
            byte[] back = new byte[echo == null ? 0 : echo.frontLength()];
            if (echo != null) {
                echo.front().get(back);
            }
            if (!java.util.Arrays.equals(probe, back)) {
                throw new IllegalStateException("demo: the echoed message differs from what was sent");
            }

            byte[] payload = new byte[size];
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long sent = 0;
            while (System.nanoTime() < deadline) {
                if (window.tryAcquire(1, TimeUnit.SECONDS)) {
                    c.send(RawMessage.builder(MESSAGE_TYPE).tid(++sent).data(payload).build());
                }
            }
            window.tryAcquire(IN_FLIGHT, 10, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long n = acked.get();
            out.printf("  %-13s %s%n", auth + " + " + mode + ":", info.summary());
            out.printf("  %-13s echo of 4 KiB verified; %d messages of %d KiB in %.2f s = %.1f MB/s, %.0f msg/s%n", "",
                    n, size / 1024, elapsed, n * (double) size / elapsed / 1e6, n / elapsed);
            c.close();
        }
    }

    private MessengerConfig config(EntityName name, CephConfig options, Keyring keyring, Dispatcher d) {
        return MessengerConfig.builder(name).options(options).keyring(keyring).authProviders(ctx.providers.auth)
                .modes(ctx.providers.modes).codecs(ctx.providers.codecs).dispatcher(d).build();
    }
}

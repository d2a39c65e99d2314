package io.inkwire.cli;

import io.inkwire.api.Connection;
import io.inkwire.api.Errno;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MConfig;
import io.inkwire.codec.mon.MMonCommand;
import io.inkwire.codec.mon.MMonCommandAck;
import io.inkwire.codec.mon.MMonGetMap;
import io.inkwire.codec.mon.MMonGetVersion;
import io.inkwire.codec.mon.MMonGetVersionReply;
import io.inkwire.codec.mon.MMonMap;
import io.inkwire.codec.mon.MMonSubscribe;
import io.inkwire.codec.mon.MPing;
import io.inkwire.codec.mon.MonInfo;
import io.inkwire.codec.mon.MonMap;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --bind ADDR}: a standalone acceptor. It answers MPing, echoes messages of other
 * types, and — so that a Ceph client pointed at it gets answers it understands — serves a MonMap
 * naming itself, an empty MConfig, and a clear "not supported" to mon commands.
 *
 * <p>{@code ADDR} is an address or a vector in Ceph's syntax: {@code v2:} addresses serve msgr2,
 * {@code v1:} addresses msgr1 (its clients authenticate with MAuth, answered by the transport), and
 * an address without a protocol binds v2 on its port and v1 on the next, as
 * {@code ms_bind_msgr2} / {@code ms_bind_msgr1} allow; {@code ::1} and other IPv6 addresses next
 * to IPv4 ones need {@code ms_bind_ipv6=true}. The bound vector is printed in Ceph's syntax.
 */
final class ServeCommand {


    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;
    private volatile MonMap monMap;

    ServeCommand(CliContext ctx, PrintStream out, PrintStream err) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        String bind = ctx.args.commandFlags.get("bind");
        if (bind == null) {
            throw new CliArgs.UsageException("serve needs --bind ADDR, e.g. --bind v2:127.0.0.1:3300 or --bind '[v2:127.0.0.1:3300,v1:127.0.0.1:6789]'");
        }
        EntityAddrVec addrs = EntityAddrVec.parse(bind, AddrType.ANY);
        EntityName self = ctx.args.name != null ? ctx.entity : new EntityName(EntityType.MON, "inkwire");
        Keyring keyring = withOwnKey(ctx.keyring(), self);
        Messenger messenger = ctx.providers.transport.create(MessengerConfig.builder(self).options(ctx.options).keyring(keyring)
                .authProviders(ctx.providers.auth).modes(ctx.providers.modes).codecs(ctx.providers.codecs)
                .dispatcher(new ServeDispatcher()).build());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            messenger.close();
            stopped.countDown();
        }, "inkwire-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        EntityAddrVec bound = messenger.bind(addrs).toCompletableFuture().get(30, TimeUnit.SECONDS);
        UUID fsid = ctx.options.get("fsid").filter(s -> !s.isBlank()).map(UUID::fromString).orElse(UUID.randomUUID());
        monMap = MonMap.of(fsid, 1, Instant.now(), java.util.List.of(new MonInfo(self.id(), bound)));
        out.println("inkwire: serving " + self + " at " + bound + " fsid " + fsid);
        out.flush();
        stopped.await();
        return 0;
    }

    /** Our own secret (the service secret for tickets we issue): from the keyring, else a fresh one for this run. */
    private static Keyring withOwnKey(Keyring base, EntityName self) {
        return base.orElse(Keyring.generated(self));
    }

    /** Answers as a minimal monitor, echoes the rest, logs each connection. */
    private final class ServeDispatcher implements Dispatcher {

        @Override
        public void onReady(Connection c) {
            c.info().ifPresent(i -> err.println("inkwire: accepted " + i.summary()));
        }

        @Override
        public void onClosed(Connection c, Throwable cause) {
            err.println("inkwire: closed " + c.info().map(i -> "peer=" + i.peerAddr()).orElse("(handshake)")
                    + (cause != null ? ": " + cause.getMessage() : ""));
        }

        @Override
        public void onMessage(Connection c, RawMessage raw) {
            long features = c.info().map(i -> i.features()).orElse(0L);
            try {
                CephMessage m = ctx.providers.codecs.decode(raw, features).orElse(null);
                if (m instanceof MPing) {
                    reply(c, new MPing(), features, 0);
                } else if (m instanceof MMonGetMap) {
                    reply(c, MMonMap.of(monMap), features, 0);
                } else if (m instanceof MMonSubscribe sub) {
                    for (String what : sub.what().keySet()) {
                        if (what.equals("monmap")) {
                            reply(c, MMonMap.of(monMap), features, 0);
                        } else if (what.equals("config")) {
                            reply(c, new MConfig(Map.of()), features, 0);
                        }
                    }
                } else if (m instanceof MMonCommand cmd) {
                    reply(c, new MMonCommandAck(raw.tid(), -Errno.EOPNOTSUPP.number(), "command not supported by inkwire serve: " + String.join(" ", cmd.cmd()),
                            cmd.cmd(), new byte[0]), features, raw.tid());
                } else if (m instanceof MMonGetVersion gv) {
                    reply(c, new MMonGetVersionReply(gv.handle(), gv.what().equals("monmap") ? monMap.epoch() : 0, 0), features, raw.tid());
                } else {
                    // anything else comes back as it was: what interop and load tests need
                    c.send(raw.toBuilder().build());
                }
            } catch (ProtocolException e) {
                err.println("inkwire: undecodable message type " + raw.type() + ": " + e.getMessage());
                c.close();
            }
        }

        private void reply(Connection c, CephMessage m, long features, long tid) {
            RawMessage r = ctx.providers.codecs.encode(m, features);
            c.send(r.toBuilder().priority(RawMessage.CEPH_MSG_PRIO_HIGH).tid(tid != 0 ? tid : r.tid()).build());
        }
    }
}

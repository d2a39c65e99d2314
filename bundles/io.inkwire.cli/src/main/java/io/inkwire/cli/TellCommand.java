package io.inkwire.cli;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MCommand;
import io.inkwire.codec.mon.MCommandReply;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tell osd.N '<json>'}: what {@code ceph tell osd.N} does — find the daemon's addresses
 * through the monitor ({@code osd find}), connect to its v2 address, or to its v1 address when it
 * has no v2 one (or {@code ms_bind_msgr2} is off), with the service ticket the monitor session
 * obtained (the cephx authorizer), send an MCommand and print its MCommandReply.
 */
final class TellCommand {

    /** One entry of {@code osd find}'s {@code addrvec}: {@code {"type":"v2","addr":"127.0.0.1:6800","nonce":1234}}. */
    private static final Pattern ADDR = Pattern.compile("\\{\\s*\"type\":\\s*\"(v1|v2)\",\\s*\"addr\":\\s*\"([^\"]+)\",\\s*\"nonce\":\\s*(\\d+)\\s*\\}");

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;

    TellCommand(CliContext ctx, PrintStream out, PrintStream err) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    int run(String target, String json) throws Exception {
        EntityName daemon = EntityName.parse(target);
        if (daemon.type() != EntityType.OSD) {
            throw new CliArgs.UsageException("tell supports osd.N targets");
        }
        CompletableFuture<MCommandReply> reply = new CompletableFuture<>();
        Dispatcher d = new Dispatcher() {
            @Override
            public void onMessage(Connection c, RawMessage m) {
                try {
                    CephMessage msg = ctx.providers.codecs.decode(m, c.info().map(i -> i.features()).orElse(0L)).orElse(null);
                    if (msg instanceof MCommandReply r) {
                        reply.complete(r);
                    }
                } catch (Exception e) {
                    reply.completeExceptionally(e);
                }
            }

            @Override
            public void onReady(Connection c) {
                ctx.verboseDispatcher().onReady(c);
            }

            @Override
            public void onClosed(Connection c, Throwable cause) {
                if (cause != null && c.info().map(i -> i.peerType() == EntityType.OSD).orElse(true)) {
                    reply.completeExceptionally(cause);
                }
            }
        };
        Duration timeout = ctx.mountTimeout();
        try (MonClient mc = MonClient.connect(ctx.providers.transport, ctx.messengerConfig(d).build(), ctx.monitors(), timeout)) {
            MonCommandResult found = mc.commandOrThrow("{\"prefix\": \"osd find\", \"id\": " + daemon.id() + ", \"format\": \"json\"}",
                    new byte[0], timeout);
            EntityAddr addr = pickAddress(daemon, found.outputText());
            Connection osd;
            try {
                osd = mc.messenger().connect(addr, EntityType.OSD).toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
            osd.send(ctx.providers.codecs.encode(new MCommand(1, mc.fsid(), List.of(json), new byte[0]),
                    osd.info().map(i -> i.features()).orElse(0L)));
            MCommandReply r;
            try {
                r = reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            } catch (TimeoutException e) {
                throw new TimeoutException(daemon + " did not answer within " + timeout.toSeconds() + " s");
            }
            out.print(r.outputText());
            if (!r.outputText().isEmpty() && !r.outputText().endsWith("\n")) {
                out.println();
            }
            if (!r.rs().isEmpty()) {
                err.println(r.rs());
            }
            return r.r() < 0 ? -r.r() : 0;
        }
    }

    /** The daemon's v2 address, else its v1 one, as {@code ms_bind_msgr2} / {@code ms_bind_msgr1} allow. */
    private EntityAddr pickAddress(EntityName daemon, String osdFind) {
        EntityAddr v1 = null;
        Matcher m = ADDR.matcher(osdFind);
        while (m.find()) {
            EntityAddr a = EntityAddr.parse(m.group(1) + ":" + m.group(2) + "/" + m.group(3), AddrType.ANY);
            if (a.type() == AddrType.MSGR2 && ctx.options.getBoolean("ms_bind_msgr2", true)) {
                return a;
            }
            if (a.type() == AddrType.LEGACY && v1 == null && ctx.options.getBoolean("ms_bind_msgr1", true)) {
                v1 = a;
            }
        }
        if (v1 == null) {
            throw new IllegalStateException(daemon + " has no address this client may use (ms_bind_msgr2="
                    + ctx.options.getBoolean("ms_bind_msgr2", true) + ", ms_bind_msgr1=" + ctx.options.getBoolean("ms_bind_msgr1", true)
                    + ") in the osdmap: " + osdFind);
        }
        return v1;
    }
}

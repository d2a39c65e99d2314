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
 * {@code tell osd.N '<json>'}: what {@code ceph tell osd.N} does — find the daemon's v2 address
 * through the monitor ({@code osd find}), connect to it with the service ticket the monitor session
 * obtained (the cephx authorizer), send an MCommand and print its MCommandReply.
 */
final class TellCommand {

    private static final Pattern V2_ADDR = Pattern.compile("\\{\"type\":\"v2\",\"addr\":\"([^\"]+)\",\"nonce\":(\\d+)\\}");

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
            Matcher m = V2_ADDR.matcher(found.outputText());
            if (!m.find()) {
                throw new IllegalStateException(daemon + " has no v2 address in the osdmap: " + found.outputText());
            }
            EntityAddr addr = EntityAddr.parse("v2:" + m.group(1) + "/" + m.group(2), AddrType.MSGR2);
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
}

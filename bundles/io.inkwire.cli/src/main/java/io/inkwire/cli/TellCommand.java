package io.inkwire.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * {@code tell osd.N '<json>'}: what {@code ceph tell osd.N} does — find the daemon's addresses
 * through the monitor ({@code osd find}), connect to its v2 address, or to its v1 address when it
 * has no v2 one (or {@code ms_bind_msgr2} is off), with the service ticket the monitor session
 * obtained (the cephx authorizer), send an MCommand and print its MCommandReply.
 */
final class TellCommand {

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
        if (daemon.type() != EntityType.OSD || !daemon.id().matches("[0-9]{1,9}")) {
            throw new CliArgs.UsageException("tell supports osd.N targets (N a number)");
        }
        CommandJson.parse(json); // refused before anything is sent
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
            String osdFind = CommandJson.write(CommandJson.command("osd find").put("id", Integer.parseInt(daemon.id())).put("format", "json"));
            MonCommandResult found = mc.commandOrThrow(osdFind, new byte[0], timeout);
            EntityAddr addr = pickAddress(daemon, found.outputText(), ctx.options.getBoolean("ms_bind_msgr2", true),
                    ctx.options.getBoolean("ms_bind_msgr1", true));
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

    /**
     * The daemon's v2 address, else its v1 one, as {@code ms_bind_msgr2} / {@code ms_bind_msgr1} allow,
     * from {@code osd find}'s {@code {"osd":0,"addrs":{"addrvec":[{"type":"v2","addr":"127.0.0.1:6800","nonce":1234},...]},...}}
     * ({@code OSDMonitor.cc}, {@code entity_addrvec_t::dump}).
     */
    static EntityAddr pickAddress(EntityName daemon, String osdFind, boolean msgr2, boolean msgr1) {
        JsonNode addrvec;
        try {
            addrvec = CommandJson.MAPPER.readTree(osdFind).path("addrs").path("addrvec");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("osd find for " + daemon + " did not answer JSON: " + e.getOriginalMessage());
        }
        EntityAddr v1 = null;
        for (JsonNode entry : addrvec) {
            String type = entry.path("type").asText();
            if (!type.equals("v1") && !type.equals("v2") || !entry.path("addr").isTextual() || !entry.path("nonce").canConvertToLong()) {
                continue;
            }
            EntityAddr a = EntityAddr.parse(type + ":" + entry.path("addr").asText() + "/" + entry.path("nonce").asLong(), AddrType.ANY);
            if (a.type() == AddrType.MSGR2 && msgr2) {
                return a;
            }
            if (a.type() == AddrType.LEGACY && v1 == null && msgr1) {
                v1 = a;
            }
        }
        if (v1 == null) {
            throw new IllegalStateException(daemon + " has no address this client may use (ms_bind_msgr2=" + msgr2 + ", ms_bind_msgr1=" + msgr1
                    + ") in the osdmap: " + osdFind);
        }
        return v1;
    }
}

package io.inkwire.cli;

import io.inkwire.api.auth.AuthException;
import io.inkwire.monclient.MonClient;
import io.inkwire.monclient.MonCommandException;
import io.inkwire.monclient.MonCommandResult;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code status} and {@code mon-command}: one monitor session, one command. */
final class MonCommands {

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;

    MonCommands(CliContext ctx, PrintStream out, PrintStream err) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    int status() throws Exception {
        var status = CommandJson.command("status");
        if (!"plain".equals(ctx.args.format)) {
            status.put("format", ctx.args.format);
        }
        return run(CommandJson.write(status), false);
    }

    /** A malformed command is refused before any connection is made. */
    int monCommand(String json) throws Exception {
        return run(CommandJson.withFormat(json, ctx.args.format), true);
    }

    private int run(String json, boolean statusOnStderr) throws Exception {
        try (MonClient mc = connect()) {
            MonCommandResult r;
            try {
                r = mc.command(json, new byte[0]).get(ctx.mountTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            } catch (TimeoutException e) {
                throw new TimeoutException("the monitor did not answer within " + ctx.mountTimeout().toSeconds() + " s");
            }
            out.print(r.outputText());
            if (!r.outputText().isEmpty() && !r.outputText().endsWith("\n")) {
                out.println();
            }
            out.flush();
            if (statusOnStderr && !r.rs().isEmpty()) {
                err.println(r.rs());
            }
            if (!r.ok()) {
                if (!statusOnStderr) {
                    throw new MonCommandException(r.r(), r.rs());
                }
                return Math.max(1, -r.r());
            }
            return 0;
        }
    }

    private MonClient connect() throws Exception {
        try {
            return MonClient.connect(ctx.providers.transport, ctx.messengerConfig(ctx.verboseDispatcher()).build(), ctx.monitors(),
                    ctx.mountTimeout());
        } catch (AuthException e) {
            List<String> methods = ctx.options.getList("auth_client_required");
            if (ctx.keyringError().isPresent() && (methods.isEmpty() || methods.contains("cephx"))) {
                // the likely cause is cephx's missing key: say so (a gss or none failure has other causes)
                throw new AuthException(e.errno(), e.getMessage() + " (and no keyring: " + ctx.keyringError().get().getMessage() + ")", e);
            }
            throw e;
        }
    }
}

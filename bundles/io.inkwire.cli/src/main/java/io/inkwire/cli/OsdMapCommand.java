package io.inkwire.cli;

import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.placement.ObjectPlacement;
import io.inkwire.rados.tool.OsdMapFormat;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code osd-map POOL OBJECT… [-N NS]}: for each object what {@code ceph osd map POOL OBJECT [NS]}
 * prints ({@code OSDMonitor::preprocess_command}, "osd map"), computed here from the OSDMap the
 * client keeps with no monitor command: one line (or one JSON document) per object, in order.
 * {@code -} as the only object reads names from stdin, one a line.
 */
final class OsdMapCommand {

    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    OsdMapCommand(CliContext ctx, PrintStream out, PrintStream err, InputStream in) {
        this.ctx = ctx;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(List<String> args) throws Exception {
        if (args.size() < 2) {
            throw new CliArgs.UsageException("osd-map takes POOL OBJECT… (or - to read names from stdin)");
        }
        String pool = args.get(0);
        List<String> objects = args.subList(1, args.size());
        if (objects.equals(List.of("-"))) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            objects = r.lines().filter(l -> !l.isEmpty()).collect(Collectors.toList());
        }
        String ns = ctx.args.commandFlags.getOrDefault("namespace", "");
        String format = ctx.args.format;
        try (RadosClient client = Rados.connect(ctx.providers.transport, ctx.messengerConfig(ctx.verboseDispatcher()).build(),
                ctx.monitors(), ctx.mountTimeout())) {
            StringBuilder text = new StringBuilder();
            for (String oid : objects) {
                ObjectPlacement p;
                try {
                    p = client.locate(pool, ns, "", oid);
                } catch (RadosException e) {
                    // the monitor's words for an unknown pool
                    err.println(OsdMapFormat.noSuchPool(pool));
                    out.print(text);
                    return e.errno();
                }
                text.append(OsdMapFormat.format(pool, ns, oid, p, format)).append('\n');
                if (text.length() > 1 << 16) {
                    out.print(text);
                    text.setLength(0);
                }
            }
            out.print(text);
            out.flush();
            return 0;
        }
    }
}

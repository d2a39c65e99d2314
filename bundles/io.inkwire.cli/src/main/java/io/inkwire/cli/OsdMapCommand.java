package io.inkwire.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.placement.ObjectPlacement;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code osd-map POOL OBJECT… [-N NS]}: for each object what {@code ceph osd map POOL OBJECT [NS]}
 * prints ({@code OSDMonitor::preprocess_command}, "osd map"), computed here from the OSDMap the
 * client keeps with no monitor command: one line (or one JSON document) per object, in order.
 * {@code -} as the only object reads names from stdin, one a line.
 */
final class OsdMapCommand {

    /** {@code -f json-pretty} as Ceph's JSONFormatter prints it: four spaces, {@code "key": value}. */
    private static final DefaultPrettyPrinter CEPH_PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

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
                    err.println("Error ENOENT: pool " + pool + " does not exist");
                    out.print(text);
                    return e.errno();
                }
                text.append(format(pool, ns, oid, p, format)).append('\n');
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

    static String format(String pool, String ns, String oid, ObjectPlacement p, String format) throws JsonProcessingException {
        String name = ns.isEmpty() ? oid : ns + "/" + oid;
        String raw = p.poolId() + "." + Integer.toHexString(p.rawHash());
        String pg = p.poolId() + "." + Integer.toHexString(p.pgSeed());
        switch (format) {
            case "json", "json-pretty" -> {
                ObjectNode o = CommandJson.MAPPER.createObjectNode();
                o.put("epoch", p.epoch()).put("pool", pool).put("pool_id", p.poolId()).put("objname", name)
                        .put("raw_pgid", raw).put("pgid", pg);
                ArrayNode up = o.putArray("up");
                p.up().forEach(up::add);
                o.put("up_primary", p.upPrimary());
                ArrayNode acting = o.putArray("acting");
                p.acting().forEach(acting::add);
                o.put("acting_primary", p.actingPrimary());
                return format.equals("json") ? CommandJson.MAPPER.writeValueAsString(o)
                        : "\n" + CommandJson.MAPPER.writer(CEPH_PRETTY).writeValueAsString(o); // Ceph starts it with a blank line
            }
            default -> {
                return "osdmap e" + p.epoch() + " pool '" + pool + "' (" + p.poolId() + ") object '" + name + "' -> pg " + raw
                        + " (" + pg + ") -> up (" + list(p.up()) + ", p" + p.upPrimary() + ") acting (" + list(p.acting())
                        + ", p" + p.actingPrimary() + ")";
            }
        }
    }

    /** {@code [0,2,1]}, as Ceph prints a vector of OSD ids. */
    private static String list(List<Integer> osds) {
        List<String> s = new ArrayList<>();
        osds.forEach(o -> s.add(String.valueOf(o)));
        return "[" + String.join(",", s) + "]";
    }
}

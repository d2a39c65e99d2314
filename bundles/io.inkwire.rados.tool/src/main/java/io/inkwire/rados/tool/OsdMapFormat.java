package io.inkwire.rados.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.rados.placement.ObjectPlacement;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ceph osd map POOL OBJECT [NS]} prints for one object ({@code OSDMonitor::preprocess_command},
 * "osd map"), from a placement computed locally: the plain line, {@code -f json} and
 * {@code -f json-pretty}.
 */
public final class OsdMapFormat {

    /** The formats {@link #format} knows. */
    public static final List<String> FORMATS = List.of("plain", "json", "json-pretty");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -f json-pretty} as Ceph's JSONFormatter prints it: four spaces, {@code "key": value}. */
    private static final DefaultPrettyPrinter CEPH_PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private OsdMapFormat() {
    }

    /** The monitor's words for a pool the map does not have. */
    public static String noSuchPool(String pool) {
        return "Error ENOENT: pool " + pool + " does not exist";
    }

    /** One object's placement in {@code format} (anything but json and json-pretty is plain), without the final newline. */
    public static String format(String pool, String ns, String oid, ObjectPlacement p, String format) {
        String name = ns.isEmpty() ? oid : ns + "/" + oid;
        String raw = p.poolId() + "." + Integer.toHexString(p.rawHash());
        String pg = p.poolId() + "." + Integer.toHexString(p.pgSeed());
        switch (format) {
            case "json", "json-pretty" -> {
                ObjectNode o = JSON.createObjectNode();
                o.put("epoch", p.epoch()).put("pool", pool).put("pool_id", p.poolId()).put("objname", name)
                        .put("raw_pgid", raw).put("pgid", pg);
                ArrayNode up = o.putArray("up");
                p.up().forEach(up::add);
                o.put("up_primary", p.upPrimary());
                ArrayNode acting = o.putArray("acting");
                p.acting().forEach(acting::add);
                o.put("acting_primary", p.actingPrimary());
                try {
                    return format.equals("json") ? JSON.writeValueAsString(o)
                            : "\n" + JSON.writer(CEPH_PRETTY).writeValueAsString(o); // Ceph starts it with a blank line
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e); // a tree of strings and numbers always writes
                }
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

package io.inkwire.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.cli.CephTextTable.Align;
import io.inkwire.rados.ClusterUsage;
import io.inkwire.rados.PoolInfo;
import io.inkwire.rados.PoolUsage;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.tool.RadosTool;
import io.inkwire.rados.tool.RadosToolException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * {@code rados df} ({@code src/tools/rados/rados.cc}): a row of statistics per pool (all pools, or
 * {@code -p POOL}), sorted by name, then the cluster's totals; {@code -f json|json-pretty} the same
 * as Ceph's JSON, the pool's id beside its name. The figures are the monitor's.
 */
final class RadosDfCommand {

    private final PrintStream out;
    private final String format;

    RadosDfCommand(PrintStream out, String format) {
        this.out = out;
        this.format = format;
    }

    int run(RadosClient client, Optional<String> pool) throws RadosToolException, InterruptedException, java.io.IOException {
        List<String> names = new ArrayList<>();
        if (pool.isPresent()) {
            names.add(pool.get());
        } else {
            client.pools().forEach(p -> names.add(p.name()));
        }
        SortedMap<String, PoolUsage> stats = RadosTool.call("fetching pool stats", () -> client.poolStats(names));
        ClusterUsage total = RadosTool.call("getting total cluster usage", client::clusterStat);
        if ("plain".equals(format)) {
            out.print(table(stats));
            out.println();
            out.println("total_objects    " + total.numObjects());
            out.println("total_used       " + CephBytes.format(total.kbUsed() << 10));
            out.println("total_avail      " + CephBytes.format(total.kbAvail() << 10));
            out.println("total_space      " + CephBytes.format(total.kb() << 10));
        } else {
            out.print(CephPrettyJson.write(json(client, stats, total), "json-pretty".equals(format)));
        }
        out.flush();
        return 0;
    }

    static String table(SortedMap<String, PoolUsage> stats) {
        CephTextTable t = new CephTextTable().column("POOL_NAME", Align.LEFT, Align.LEFT);
        for (String h : List.of("USED", "OBJECTS", "CLONES", "COPIES", "MISSING_ON_PRIMARY", "UNFOUND", "DEGRADED", "RD_OPS", "RD", "WR_OPS",
                "WR", "USED COMPR", "UNDER COMPR")) {
            t.column(h, Align.RIGHT, Align.RIGHT);
        }
        for (Map.Entry<String, PoolUsage> e : stats.entrySet()) {
            PoolUsage s = e.getValue();
            t.row(e.getKey(), CephBytes.format(s.numBytes()), s.numObjects(), s.numObjectClones(), s.numObjectCopies(),
                    s.numObjectsMissingOnPrimary(), s.numObjectsUnfound(), s.numObjectsDegraded(), s.numRd(), CephBytes.format(s.numRdKb() << 10),
                    s.numWr(), CephBytes.format(s.numWrKb() << 10), CephBytes.format(s.compressedBytesAlloc()),
                    CephBytes.format(s.compressedBytesOrig()));
        }
        return t.toString();
    }

    private static ObjectNode json(RadosClient client, SortedMap<String, PoolUsage> stats, ClusterUsage total) {
        ObjectNode root = CommandJson.MAPPER.createObjectNode();
        ArrayNode pools = root.putArray("pools");
        for (Map.Entry<String, PoolUsage> e : stats.entrySet()) {
            PoolUsage s = e.getValue();
            ObjectNode p = pools.addObject().put("name", e.getKey());
            client.pools().stream().filter(i -> i.name().equals(e.getKey())).findFirst().map(PoolInfo::id).ifPresent(id -> p.put("id", id));
            p.put("size_bytes", s.numBytes()).put("size_kb", s.numKb()).put("num_objects", s.numObjects())
                    .put("num_object_clones", s.numObjectClones()).put("num_object_copies", s.numObjectCopies())
                    .put("num_objects_missing_on_primary", s.numObjectsMissingOnPrimary()).put("num_objects_unfound", s.numObjectsUnfound())
                    .put("num_objects_degraded", s.numObjectsDegraded()).put("read_ops", s.numRd()).put("read_bytes", s.numRdKb() * 1024)
                    .put("write_ops", s.numWr()).put("write_bytes", s.numWrKb() * 1024).put("compress_bytes_used", s.compressedBytesAlloc())
                    .put("compress_under_bytes", s.compressedBytesOrig());
        }
        root.put("total_objects", total.numObjects()).put("total_used", total.kbUsed()).put("total_avail", total.kbAvail())
                .put("total_space", total.kb());
        return root;
    }
}

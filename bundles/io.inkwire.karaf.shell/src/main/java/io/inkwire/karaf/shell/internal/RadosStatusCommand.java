package io.inkwire.karaf.shell.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.rados.ObjecterCounters;
import io.inkwire.rados.RadosClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code inkwire:rados-status}: which client, its OSDMap epoch, and the request engine's counters
 * under the names of Ceph's objecter perf counters ({@code ceph daemon client.X perf dump objecter}).
 */
@Service
@Command(scope = "inkwire", name = "rados-status", description = "Shows the RADOS client: cluster, OSDMap epoch, and its objecter counters")
public final class RadosStatusCommand extends RadosAction implements Action {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Object execute() throws Exception {
        if (!format.equals("plain") && !format.equals("json") && !format.equals("json-pretty")) {
            throw new IllegalArgumentException("-f " + format + ": the formats are plain, json, json-pretty");
        }
        try (RadosClients.Lease lease = lease()) {
            RadosClient c = lease.client();
            Map<String, Long> counters = counters(c.counters());
            Map<String, Long> errors = c.counters().getErrorsByErrno();
            if (format.equals("plain")) {
                System.out.print(plain(lease, c, counters, errors));
            } else {
                ObjectNode o = JSON.createObjectNode();
                o.put("messenger", lease.messenger()).put("entity", lease.entity()).put("cluster", lease.cluster())
                        .put("fsid", String.valueOf(c.monClient().fsid())).put("mon_host", lease.monHost())
                        .put("osdmap_epoch", c.osdMapEpoch()).put("pools", c.pools().size());
                ObjectNode objecter = o.putObject("objecter");
                counters.forEach(objecter::put);
                ObjectNode e = objecter.putObject("errors");
                errors.forEach(e::put);
                System.out.println(format.equals("json") ? JSON.writeValueAsString(o) : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            }
        }
        return null;
    }

    /** The counters in Ceph's names; {@code maps_applied} is Ceph's map_full + map_inc. */
    static Map<String, Long> counters(ObjecterCounters c) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("op_active", c.getOpsInFlight());
        m.put("op_send", c.getOpsSent());
        m.put("op_resend", c.getOpsResent());
        m.put("op_reply", c.getReplies());
        m.put("map_epoch", c.getMapEpoch());
        m.put("maps_applied", c.getMapsApplied());
        m.put("osd_sessions", (long) c.getOsdSessions());
        m.put("backoffs", c.getBackoffsReceived());
        m.put("op_laggy", c.getLaggyOps());
        m.put("osd_laggy", c.getLaggyOsds());
        return m;
    }

    static String plain(RadosClients.Lease lease, RadosClient c, Map<String, Long> counters, Map<String, Long> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append("client:    ").append(lease.entity()).append(lease.messenger().isEmpty() ? " (for this command)" : " (messenger " + lease.messenger() + ")")
                .append('\n');
        sb.append("cluster:   ").append(lease.cluster()).append(", fsid ").append(c.monClient().fsid()).append('\n');
        sb.append("mon_host:  ").append(lease.monHost()).append('\n');
        sb.append("osdmap:    e").append(c.osdMapEpoch()).append(", ").append(c.pools().size()).append(" pools\n");
        sb.append("objecter:\n");
        counters.forEach((k, v) -> sb.append(String.format("  %-14s%d\n", k, v)));
        sb.append(String.format("  %-14s%s\n", "errors", errors.isEmpty() ? "none"
                : errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        return sb.toString();
    }
}

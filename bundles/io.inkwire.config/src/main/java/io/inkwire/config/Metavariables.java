package io.inkwire.config;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Expands Ceph's configuration metavariables as {@code md_config_t::expand_meta}
 * ({@code src/common/config.cc}) does: {@code $var} or {@code ${var}}, where var is made of
 * {@code [a-z_]}:
 * <ul>
 * <li>{@code $cluster} — the {@code cluster} option ({@code ceph});</li>
 * <li>{@code $type} — {@code client}, {@code mon}, ...; {@code $id} and {@code $num} — the id
 *     ({@code admin}); {@code $name} — {@code client.admin};</li>
 * <li>{@code $host} — the {@code host} option, else the short host name; {@code $pid} — this
 *     process's id;</li>
 * <li>{@code $other_option} — that option's (expanded) value, if it is set or has a known default;
 *     a reference loop leaves the looping value unexpanded, as Ceph does.</li>
 * </ul>
 * Anything else ({@code $data_dir} of a client, {@code $cctid}, {@code $unknown}, a lone {@code $})
 * stays as written.
 */
public final class Metavariables {

    private static final String VAR_CHARS = "abcdefghijklmnopqrstuvwxyz_";

    private Metavariables() {
    }

    /** {@code value} with every metavariable expanded for {@code entity}. */
    public static String expand(String value, CephConfig config, EntityName entity) {
        return expand(value, config, entity, new ArrayDeque<>());
    }

    /** A copy of {@code config} whose explicitly set values are all expanded for {@code entity}. */
    public static CephConfig expandAll(CephConfig config, EntityName entity) {
        Map<String, String> out = new LinkedHashMap<>();
        config.explicit().forEach((k, v) -> {
            Deque<String> stack = new ArrayDeque<>();
            stack.push(k);
            out.put(k, expand(v, config, entity, stack));
        });
        return CephConfig.of(out);
    }

    /** Ceph's short host name: the host name up to its first dot. */
    public static String shortHostName() {
        String h;
        try {
            h = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            h = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    private static String expand(String val, CephConfig config, EntityName entity, Deque<String> stack) {
        if (val.indexOf('$') < 0) {
            return val;
        }
        StringBuilder out = new StringBuilder(val.length());
        int s = 0;
        while (s < val.length()) {
            char c = val.charAt(s);
            if (c != '$') {
                out.append(c);
                s++;
                continue;
            }
            String var = "";
            int end = s + 1;
            if (s + 1 < val.length() && val.charAt(s + 1) == '{') {
                int e = scan(val, s + 2);
                if (e < val.length() && val.charAt(e) == '}') {
                    var = val.substring(s + 2, e);
                    end = e + 1;
                }
            } else {
                end = scan(val, s + 1);
                var = val.substring(s + 1, end);
            }
            String replacement = var.isEmpty() ? null : lookup(var, config, entity, stack);
            if (replacement == null) {
                out.append('$');
                s++;
            } else {
                out.append(replacement);
                s = end;
            }
        }
        return out.toString();
    }

    private static int scan(String val, int from) {
        int e = from;
        while (e < val.length() && VAR_CHARS.indexOf(val.charAt(e)) >= 0) {
            e++;
        }
        return e;
    }

    private static String lookup(String var, CephConfig config, EntityName entity, Deque<String> stack) {
        switch (var) {
            case "cluster":
                return config.getString("cluster", "ceph");
            case "type":
                return entity.type().text();
            case "id":
            case "num":
                return entity.id();
            case "name":
                return entity.toString();
            case "host": {
                String host = config.getString("host", "");
                return host.isEmpty() ? shortHostName() : host;
            }
            case "pid":
                return String.valueOf(ProcessHandle.current().pid());
            case "data_dir":
            case "cctid":
                return null; // daemon-only / process-internal: left as written
            default:
                break;
        }
        Optional<String> other = config.get(var);
        if (other.isEmpty()) {
            return null;
        }
        if (stack.contains(var)) {
            return other.get(); // expansion loop: Ceph keeps the raw value
        }
        stack.push(var);
        try {
            return expand(other.get(), config, entity, stack);
        } finally {
            stack.pop();
        }
    }
}

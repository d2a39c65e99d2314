package io.inkwire.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ceph options as name → value text, immutable. Names are normalised as Ceph does
 * ({@code ms bind msgr2} = {@code ms-bind-msgr2} = {@code ms_bind_msgr2}). A value not set falls
 * back to Ceph's default for the options inkwire knows ({@link #DEFAULTS}).
 */
public final class CephConfig {

    /** Ceph 16.2 (Pacific) defaults of the options inkwire reads. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new TreeMap<>();
        d.put("ms_bind_msgr1", "true");
        d.put("ms_bind_msgr2", "true");
        d.put("ms_bind_ipv4", "true");
        d.put("ms_bind_ipv6", "false");
        d.put("ms_cluster_mode", "crc secure");
        d.put("ms_service_mode", "crc secure");
        d.put("ms_client_mode", "crc secure");
        d.put("ms_mon_cluster_mode", "secure crc");
        d.put("ms_mon_service_mode", "secure crc");
        d.put("ms_mon_client_mode", "secure crc");
        d.put("auth_cluster_required", "cephx");
        d.put("auth_service_required", "cephx");
        d.put("auth_client_required", "cephx, none");
        d.put("auth_supported", "");
        d.put("client_mount_timeout", "300");
        d.put("mon_client_ping_interval", "10");
        d.put("mon_client_ping_timeout", "30");
        d.put("mon_client_hunt_interval", "3");
        d.put("ms_connection_idle_timeout", "900");
        d.put("ms_initial_backoff", "0.2");
        d.put("ms_max_backoff", "15");
        d.put("ms_crc_data", "true");
        d.put("ms_crc_header", "true");
        d.put("ms_dispatch_throttle_bytes", "104857600");
        d.put("auth_service_ticket_ttl", "3600");
        d.put("auth_mon_ticket_ttl", "259200");
        d.put("cephx_sign_messages", "true");
        d.put("mon_host", "");
        d.put("keyring", "/etc/ceph/$cluster.$name.keyring,/etc/ceph/$cluster.keyring,/etc/ceph/keyring,/etc/ceph/keyring.bin");
        d.put("cluster", "ceph");
        // inkwire's own limits
        d.put("inkwire_max_frame_segment_bytes", String.valueOf(256L << 20));
        d.put("inkwire_max_control_frame_bytes", String.valueOf(1 << 20));
        d.put("inkwire_crypto_provider", "");
        // each RADOS client's counters as an MXBean (io.inkwire:type=RadosClient,...); the CLI turns it off
        d.put("inkwire_jmx", "true");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private static final CephConfig EMPTY = new CephConfig(Map.of());

    private final Map<String, String> values;

    private CephConfig(Map<String, String> values) {
        this.values = values;
    }

    public static CephConfig empty() {
        return EMPTY;
    }

    /** Options from a map; names are normalised, later entries win. */
    public static CephConfig of(Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        options.forEach((k, v) -> m.put(normalize(k), v));
        return new CephConfig(Collections.unmodifiableMap(m));
    }

    /** {@code ms bind msgr2}, {@code ms-bind-msgr2} → {@code ms_bind_msgr2}. */
    public static String normalize(String name) {
        // called on hot paths (limits read per frame): no regex, and no copy when already normal
        if (name.indexOf(' ') < 0 && name.indexOf('-') < 0 && name.indexOf('\t') < 0) {
            return name;
        }
        String t = name.trim();
        StringBuilder sb = new StringBuilder(t.length());
        boolean inRun = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean sep = c == ' ' || c == '-' || c == '\t';
            if (!sep) {
                sb.append(c);
            } else if (!inRun) {
                sb.append('_');
            }
            inRun = sep;
        }
        return sb.toString();
    }

    /** A copy with one option set. */
    public CephConfig with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(normalize(name), value);
        return new CephConfig(Collections.unmodifiableMap(m));
    }

    /** A copy with {@code overrides} applied on top. */
    public CephConfig withAll(CephConfig overrides) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.putAll(overrides.values);
        return new CephConfig(Collections.unmodifiableMap(m));
    }

    /** The options explicitly set. */
    public Map<String, String> explicit() {
        return values;
    }

    public boolean isSet(String name) {
        return values.containsKey(normalize(name));
    }

    /** The value set, else Ceph's default, else empty. */
    public Optional<String> get(String name) {
        String n = normalize(name);
        String v = values.get(n);
        return Optional.ofNullable(v != null ? v : DEFAULTS.get(n));
    }

    public String getString(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        Optional<String> v = get(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return fallback;
        }
        switch (v.get().trim().toLowerCase()) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new IllegalArgumentException("option " + normalize(name) + ": '" + v.get() + "' is not a boolean");
        }
    }

    public long getLong(String name, long fallback) {
        Optional<String> v = get(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + normalize(name) + ": '" + v.get() + "' is not an integer");
        }
    }

    /** A duration in seconds (Ceph accepts fractions for some options, e.g. ms_initial_backoff). */
    public double getSeconds(String name, double fallback) {
        Optional<String> v = get(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return fallback;
        }
        String t = v.get().trim();
        try {
            if (t.endsWith("s")) {
                t = t.substring(0, t.length() - 1);
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + normalize(name) + ": '" + v.get() + "' is not a number of seconds");
        }
    }

    /** A list option: items separated by commas, semicolons or white space ({@code "secure crc"}, {@code "cephx, none"}). */
    public List<String> getList(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.get().trim().split("[,;\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        // values may include a key option: never print them
        return "CephConfig" + Arrays.toString(values.keySet().toArray());
    }
}

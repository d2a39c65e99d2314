package io.inkwire.config;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.config.CephConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The initial monitor list a client builds from {@code mon_host}, exactly as Ceph's
 * {@code MonMap::build_initial} → {@code init_with_ips} / {@code init_with_hosts} →
 * {@code _add_ambiguous_addr} do ({@code src/mon/MonMap.cc}; parsing in
 * {@code parse_ip_port_vec}, {@code src/common/ceph_argparse.cc}; msgr2-wire.md §14).
 *
 * <p>The string is split on blanks and {@code ;}; each item holds addresses or bracketed address
 * vectors separated by {@code ,}. The i-th one is named {@code noname-} + ('a' + i). A vector of
 * two or more addresses is taken as written. A single address becomes entries by its prefix and
 * port:
 * <table>
 * <caption>single address → entries</caption>
 * <tr><th>given</th><th>entries</th></tr>
 * <tr><td>{@code v1:}/{@code v2:} prefix, port 0</td><td>that type on 6789 / 3300</td></tr>
 * <tr><td>{@code v1:}/{@code v2:} prefix, a port</td><td>as written</td></tr>
 * <tr><td>no prefix, port 6789</td><td>{@code NAME-legacy} v1 only</td></tr>
 * <tr><td>no prefix, port 3300</td><td>{@code NAME} v2 only</td></tr>
 * <tr><td>no prefix, no port (or 0)</td><td>{@code NAME} v2 on 3300 and {@code NAME-legacy} v1 on 6789</td></tr>
 * <tr><td>no prefix, another port</td><td>{@code NAME} v2 and {@code NAME-legacy} v1, both on that port</td></tr>
 * </table>
 * An address already present in an earlier entry is not added again; the nonce is kept. If the
 * string is not all IP addresses, Ceph resolves it as host names instead ({@code resolve_addrs}):
 * every item {@code host[:port]} or {@code [ipv6]:port} becomes all of its A/AAAA addresses,
 * then the same rules apply. The list keeps the order entries were added in.
 */
public final class MonHosts {

    /** Resolves a host name to all its addresses (A and AAAA records). */
    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The system resolver, {@link InetAddress#getAllByName}. */
        HostResolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    private MonHosts() {
    }

    /** Parses {@code mon_host} using the system resolver for host names. */
    public static List<MonEntry> parse(String monHost) {
        return parse(monHost, HostResolver.SYSTEM);
    }

    /**
     * Parses {@code mon_host}.
     *
     * @throws IllegalArgumentException naming the part that is neither an address, an address
     *     vector nor a resolvable host, or if there is no monitor at all
     */
    public static List<MonEntry> parse(String monHost, HostResolver resolver) {
        if (monHost == null || monHost.isBlank()) {
            throw new IllegalArgumentException("mon_host is empty: no monitors to contact");
        }
        List<EntityAddrVec> addrs;
        try {
            addrs = parseIpList(monHost);
        } catch (IllegalArgumentException notIps) {
            // MonMap::build_initial: init_with_ips failed with -EINVAL, so try host names
            addrs = parseIpList(resolveHosts(monHost, resolver, notIps.getMessage()));
        }
        if (addrs.isEmpty()) {
            throw new IllegalArgumentException("mon_host '" + monHost + "' names no monitors");
        }
        Builder b = new Builder();
        for (int i = 0; i < addrs.size(); i++) {
            String name = "noname-" + (char) ('a' + i);
            EntityAddrVec v = addrs.get(i);
            if (v.size() == 1) {
                b.addAmbiguous(name, v.get(0));
            } else {
                b.add(name, v); // a vector names its types and ports: taken as written
            }
        }
        return List.copyOf(b.entries);
    }

    /**
     * The monitors for a client from its conf: {@code mon_host} if set, else every
     * {@code [mon.X]} section's {@code mon addr} (looked up in {@code [mon.X]}, {@code [mon]},
     * {@code [global]}; a legacy option, so an address without prefix is v1 and port 0 means 6789) —
     * {@code MonMap::init_with_config_file}.
     *
     * @param conf the conf file (for the {@code [mon.X]} sections)
     * @param config the client's resolved options (for {@code mon_host})
     */
    public static List<MonEntry> fromConfig(CephConfFile conf, CephConfig config, HostResolver resolver) {
        String monHost = config.getString("mon_host", "");
        if (!monHost.isBlank()) {
            return parse(monHost, resolver);
        }
        Builder b = new Builder();
        for (String section : conf.sections()) {
            if (!section.startsWith("mon.") || section.length() <= 4) {
                continue;
            }
            String mon = section.substring(4);
            Optional<String> addr = conf.get(List.of(section, "mon", "global"), "mon addr");
            if (addr.isEmpty()) {
                continue; // Ceph logs "failed to get an address" and goes on
            }
            EntityAddr a;
            try {
                a = EntityAddr.parse(addr.get().strip(), AddrType.LEGACY);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("[" + section + "] mon addr '" + addr.get() + "': " + e.getMessage(), e);
            }
            if (a.port() == 0) {
                a = a.withPort(EntityAddr.CEPH_MON_PORT_LEGACY);
            }
            EntityAddr given = a;
            b.entries.removeIf(e -> e.name().equals(mon) || e.addrs().contains(given));
            b.addAmbiguous(mon, a);
        }
        if (b.entries.isEmpty()) {
            throw new IllegalArgumentException("no monitors: mon_host is not set and no [mon.X] section has a mon addr");
        }
        return List.copyOf(b.entries);
    }

    /** parse_ip_port_vec: items split on blanks and ';', each a ','-separated run of addresses or vectors. */
    static List<EntityAddrVec> parseIpList(String s) {
        List<EntityAddrVec> out = new ArrayList<>();
        for (String item : s.split("[ ;]+")) {
            if (item.isEmpty()) {
                continue;
            }
            for (String part : splitTopLevelCommas(item)) {
                out.add(parseAddrOrVec(part));
            }
        }
        return out;
    }

    /** A single address if it parses as one (Ceph tries that first), else a bracketed vector. */
    private static EntityAddrVec parseAddrOrVec(String part) {
        try {
            return EntityAddrVec.of(EntityAddr.parse(part, AddrType.ANY));
        } catch (IllegalArgumentException notAddr) {
            try {
                return EntityAddrVec.parse(part, AddrType.ANY);
            } catch (IllegalArgumentException notVec) {
                throw new IllegalArgumentException("'" + part + "' is neither an address nor an address vector ("
                    + notAddr.getMessage() + ")", notVec);
            }
        }
    }

    /** Splits on commas outside brackets: "[v2:a,v1:a],[v2:b,v1:b]" → two parts. */
    private static List<String> splitTopLevelCommas(String item) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < item.length(); i++) {
            char c = item.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                addPart(parts, item.substring(start, i));
                start = i + 1;
            }
        }
        addPart(parts, item.substring(start));
        return parts;
    }

    private static void addPart(List<String> parts, String p) {
        if (!p.isEmpty()) {
            parts.add(p);
        }
    }

    /**
     * resolve_addrs ({@code src/common/addr_parsing.c}): each item separated by {@code , ; blank}
     * is {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; the result lists every
     * address, IPv6 in brackets, with the port if one was given.
     */
    static String resolveHosts(String monHost, HostResolver resolver, String ipParseError) {
        StringBuilder out = new StringBuilder();
        for (String tok : monHost.split("[,; ]+")) {
            if (tok.isEmpty()) {
                continue;
            }
            String host = tok;
            String port = null;
            int first = tok.indexOf(':');
            int last = tok.lastIndexOf(':');
            int braceColon = tok.indexOf("]:");
            if (first >= 0 && first == last) {
                host = tok.substring(0, first);
                port = tok.substring(first + 1);
            } else if (braceColon >= 0) {
                host = tok.substring(0, braceColon + 1);
                port = tok.substring(braceColon + 2);
            }
            if (port != null && port.isEmpty()) {
                port = null;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String bad = "mon_host '" + monHost + "': " + ipParseError + "; read as host names, '" + tok + "' ";
            if (port != null && !port.matches("[0-9]{1,5}") || port != null && Integer.parseInt(port) > 0xffff) {
                throw new IllegalArgumentException(bad + "has a bad port");
            }
            if (host.matches("[0-9.]+") && !isDottedQuad(host)) {
                // getaddrinfo would read "010.0.0.1" as octal (8.0.0.1) and "10.1" as 10.0.0.1: refuse the ambiguity
                throw new IllegalArgumentException(bad + "is not a valid IPv4 address");
            }
            List<InetAddress> ips;
            try {
                if (host.isEmpty()) {
                    throw new UnknownHostException("empty host name");
                }
                Optional<InetAddress> literal = ipLiteral(host);
                ips = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(host);
            } catch (UnknownHostException | SecurityException e) {
                throw new IllegalArgumentException(bad + "does not resolve (" + e.getMessage() + ")", e);
            }
            if (ips.isEmpty()) {
                throw new IllegalArgumentException(bad + "has no addresses");
            }
            for (InetAddress ip : ips) {
                if (out.length() > 0) {
                    out.append(',');
                }
                String text = literal(ip);
                out.append(ip instanceof java.net.Inet6Address ? "[" + text + "]" : text);
                if (port != null) {
                    out.append(':').append(Integer.parseInt(port));
                }
            }
        }
        return out.toString();
    }

    /** A numeric address needs no resolver (getaddrinfo takes literals as they are). */
    private static Optional<InetAddress> ipLiteral(String host) {
        try {
            return Optional.ofNullable(EntityAddr.parse(host.indexOf(':') >= 0 ? "[" + host + "]" : host).ip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isDottedQuad(String host) {
        try {
            EntityAddr.parse(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String literal(InetAddress ip) {
        try {
            // drop the host name and any scope: only the numeric address goes into the monmap
            return InetAddress.getByAddress(ip.getAddress()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The monmap being built: MonMap::add / contains / _add_ambiguous_addr (not for mkfs). */
    private static final class Builder {
        final List<MonEntry> entries = new ArrayList<>();

        boolean contains(EntityAddr a) {
            return entries.stream().anyMatch(e -> e.addrs().contains(a));
        }

        void add(String name, EntityAddrVec v) {
            entries.add(new MonEntry(name, v));
        }

        void addIfNew(String name, EntityAddr a) {
            if (!contains(a)) {
                add(name, EntityAddrVec.of(a));
            }
        }

        void addAmbiguous(String name, EntityAddr a) {
            switch (a.type()) {
                case LEGACY:
                    addIfNew(name, a.port() == 0 ? a.withPort(EntityAddr.CEPH_MON_PORT_LEGACY) : a);
                    return;
                case MSGR2:
                    addIfNew(name, a.port() == 0 ? a.withPort(EntityAddr.CEPH_MON_PORT_IANA) : a);
                    return;
                case ANY:
                    break;
                default:
                    return; // '-' (TYPE_NONE): Ceph ignores it
            }
            if (a.port() == EntityAddr.CEPH_MON_PORT_LEGACY) {
                addIfNew(name + "-legacy", a.withType(AddrType.LEGACY));
            } else if (a.port() == EntityAddr.CEPH_MON_PORT_IANA) {
                addIfNew(name, a.withType(AddrType.MSGR2));
            } else if (a.port() == 0) {
                addIfNew(name, new EntityAddr(AddrType.MSGR2, a.nonce(), a.ip(), EntityAddr.CEPH_MON_PORT_IANA));
                addIfNew(name + "-legacy", new EntityAddr(AddrType.LEGACY, a.nonce(), a.ip(), EntityAddr.CEPH_MON_PORT_LEGACY));
            } else {
                addIfNew(name, a.withType(AddrType.MSGR2));
                addIfNew(name + "-legacy", a.withType(AddrType.LEGACY));
            }
        }
    }
}

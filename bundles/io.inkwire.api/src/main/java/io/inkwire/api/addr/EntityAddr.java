package io.inkwire.api.addr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Ceph's {@code entity_addr_t}: an address type, a nonce and an IP endpoint. Equality is over all
 * three, as Ceph compares addresses byte-wise (a msgr2 {@code target_addr} must match exactly).
 *
 * <p>{@code ip} is {@code null} for a blank address (family 0).
 */
public record EntityAddr(AddrType type, int nonce, InetAddress ip, int port) {

    /** {@code CEPH_MON_PORT_IANA}: the msgr2 monitor port. */
    public static final int CEPH_MON_PORT_IANA = 3300;
    /** {@code CEPH_MON_PORT_LEGACY}: the msgr1 monitor port. */
    public static final int CEPH_MON_PORT_LEGACY = 6789;

    public EntityAddr {
        Objects.requireNonNull(type, "type");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static EntityAddr blank() {
        return new EntityAddr(AddrType.NONE, 0, null, 0);
    }

    public static EntityAddr of(AddrType type, InetSocketAddress sa, int nonce) {
        return new EntityAddr(type, nonce, sa.getAddress(), sa.getPort());
    }

    public static EntityAddr msgr2(String ip, int port) {
        return new EntityAddr(AddrType.MSGR2, 0, literal(ip), port);
    }

    public boolean isBlank() {
        return ip == null;
    }

    public boolean isIpv6() {
        return ip instanceof Inet6Address;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(ip, port);
    }

    public EntityAddr withType(AddrType newType) {
        return new EntityAddr(newType, nonce, ip, port);
    }

    public EntityAddr withPort(int newPort) {
        return new EntityAddr(type, nonce, ip, newPort);
    }

    public EntityAddr withNonce(int newNonce) {
        return new EntityAddr(type, newNonce, ip, port);
    }

    public EntityAddr withIp(InetAddress newIp) {
        return new EntityAddr(type, nonce, newIp, port);
    }

    /** Parses {@code [v1:|v2:|any:]IP[:PORT][/NONCE]}; an address without a prefix is {@link AddrType#ANY}. */
    public static EntityAddr parse(String text) {
        return parse(text, AddrType.ANY);
    }

    /**
     * Parses one address as Ceph's {@code entity_addr_t::parse} does ({@code src/msg/msg_types.cc}):
     * an optional type prefix, an IPv4 or IPv6 literal (IPv6 optionally in brackets, which a port
     * requires), an optional {@code :port} and an optional {@code /nonce}. Host names are not
     * resolved here.
     */
    public static EntityAddr parse(String text, AddrType defaultType) {
        EntityAddrParser p = new EntityAddrParser(text, 0);
        EntityAddr a = p.parse(defaultType);
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("bad address '" + text + "': unexpected '" + text.substring(p.pos) + "'");
        }
        return a;
    }

    /**
     * Parses the address at the start of {@code text} and says what follows it, as
     * {@code entity_addr_t::parse(s, &end)} does: {@code "127.0.0.1:1234 foo"} gives
     * {@code 127.0.0.1:1234} and {@code " foo"}.
     *
     * @throws IllegalArgumentException when no address starts the text
     */
    public static AddrParse<EntityAddr> parsePrefix(String text, AddrType defaultType) {
        EntityAddrParser p = new EntityAddrParser(text, 0);
        EntityAddr a = p.parse(defaultType);
        return new AddrParse<>(a, text.substring(p.pos));
    }

    static InetAddress literal(String ip) {
        try {
            if (ip.indexOf(':') >= 0 || EntityAddrParser.isIpv4(ip)) {
                return InetAddress.getByName(ip); // a literal: no name service lookup
            }
        } catch (UnknownHostException e) {
            // fall through
        }
        throw new IllegalArgumentException("not an IP address: '" + ip + "'");
    }

    /** The address as Ceph prints it: {@code v2:127.0.0.1:3300/0}, {@code v1:[::1]:6789/0}, {@code 10.0.0.1:0/123}. */
    @Override
    public String toString() {
        if (type == AddrType.NONE && ip == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(type == AddrType.NONE ? "" : type.prefix());
        if (ip == null) {
            sb.append("(unrecognized address family 0)");
        } else if (ip instanceof Inet4Address) {
            sb.append(ip.getHostAddress()).append(':').append(port);
        } else {
            sb.append('[').append(formatIpv6(ip.getAddress())).append("]:").append(port);
        }
        return sb.append('/').append(Integer.toUnsignedString(nonce)).toString();
    }

    /** RFC 5952 text (what inet_ntop prints): lower case, longest zero run compressed. */
    static String formatIpv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    // equals and hashCode written out: a record's are bound at first use through an invokedynamic
    // bootstrap that spins classes, a start-up cost every client command paid (docs/benchmarks.md)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof EntityAddr a && a.type == type && a.nonce == nonce && a.port == port
                && java.util.Objects.equals(a.ip, ip);
    }

    @Override
    public int hashCode() {
        return ((java.util.Objects.hashCode(type) * 31 + nonce) * 31 + java.util.Objects.hashCode(ip)) * 31 + port;
    }
}

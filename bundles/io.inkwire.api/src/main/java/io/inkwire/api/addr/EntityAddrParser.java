package io.inkwire.api.addr;

import java.net.InetAddress;

/** Cursor-based parser shared by {@link EntityAddr} and {@link EntityAddrVec}. */
final class EntityAddrParser {
    final String s;
    int pos;

    EntityAddrParser(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    EntityAddr parse(AddrType defaultType) {
        AddrType type = defaultType;
        if (s.startsWith("v1:", pos)) {
            type = AddrType.LEGACY;
            pos += 3;
        } else if (s.startsWith("v2:", pos)) {
            type = AddrType.MSGR2;
            pos += 3;
        } else if (s.startsWith("any:", pos)) {
            type = AddrType.ANY;
            pos += 4;
        } else if (s.startsWith("-", pos)) {
            pos += 1;
            return EntityAddr.blank();
        }
        InetAddress ip;
        boolean bracketed = false;
        if (pos < s.length() && s.charAt(pos) == '[') {
            int close = s.indexOf(']', pos);
            if (close < 0) {
                throw bad("missing ']' after IPv6 address");
            }
            // entity_addr_t::parse accepts brackets around IPv4 too: "[1.2.3.4]:6789"
            String inner = s.substring(pos + 1, close);
            ip = isIpv4(inner) ? EntityAddr.literal(inner) : ipv6(inner);
            pos = close + 1;
            bracketed = true;
        } else {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            String v4 = s.substring(start, pos);
            if (isIpv4(v4) && (pos == s.length() || s.charAt(pos) != ':' || !looksLikeBareIpv6(start))) {
                ip = EntityAddr.literal(v4);
            } else {
                // bare IPv6 without brackets: it cannot carry a port
                pos = start;
                while (pos < s.length() && "0123456789abcdefABCDEF:.".indexOf(s.charAt(pos)) >= 0) {
                    pos++;
                }
                if (pos == start) {
                    throw bad("expected an IP address");
                }
                ip = ipv6(s.substring(start, pos));
                return new EntityAddr(type, nonce(), ip, 0);
            }
        }
        int port = 0;
        if (pos < s.length() && s.charAt(pos) == ':') {
            pos++;
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos || pos - start > 5) {
                throw bad("bad port");
            }
            port = Integer.parseInt(s.substring(start, pos));
            if (port > 0xffff) {
                throw bad("port " + port + " out of range");
            }
        }
        // anything else after the address (e.g. "[::1]a") is left for the caller, as entity_addr_t::parse leaves it
        return new EntityAddr(type, nonce(), ip, port);
    }

    private boolean looksLikeBareIpv6(int start) {
        // "1.2.3.4:..." is IPv4 with a port; only a run of hex and colons with 2+ colons is bare IPv6
        int colons = 0;
        for (int i = start; i < s.length() && "0123456789abcdefABCDEF:.".indexOf(s.charAt(i)) >= 0; i++) {
            if (s.charAt(i) == ':') {
                colons++;
            }
        }
        return colons >= 2 && s.substring(start).indexOf('.') > s.substring(start).indexOf(':');
    }

    private int nonce() {
        if (pos < s.length() && s.charAt(pos) == '/') {
            pos++;
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw bad("bad nonce");
            }
            long n = Long.parseLong(s.substring(start, Math.min(pos, start + 11)));
            if (pos - start > 10 || n > 0xffffffffL) {
                throw bad("nonce out of range");
            }
            return (int) n;
        }
        return 0;
    }

    private InetAddress ipv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            throw bad("bad IPv6 address '" + text + "'");
        }
        for (int i = 0; i < text.length(); i++) {
            if ("0123456789abcdefABCDEF:.".indexOf(text.charAt(i)) < 0) {
                throw bad("bad IPv6 address '" + text + "'");
            }
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (Exception e) {
            throw bad("bad IPv6 address '" + text + "'");
        }
    }

    static boolean isIpv4(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false; // inet_pton(AF_INET) refuses leading zeros ("010" would be octal elsewhere)
            }
            for (int i = 0; i < p.length(); i++) {
                if (!Character.isDigit(p.charAt(i))) {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("bad address '" + s + "' at offset " + pos + ": " + why);
    }
}

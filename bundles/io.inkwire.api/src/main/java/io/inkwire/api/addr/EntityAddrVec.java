package io.inkwire.api.addr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ceph's {@code entity_addrvec_t}: the addresses one daemon is reachable at, v2 listed first by
 * convention ({@code [v2:1.2.3.4:3300/0,v1:1.2.3.4:6789/0]}).
 */
public record EntityAddrVec(List<EntityAddr> addrs) {

    public EntityAddrVec {
        addrs = List.copyOf(addrs);
    }

    public static EntityAddrVec of(EntityAddr... addrs) {
        return new EntityAddrVec(List.of(addrs));
    }

    /** Parses one address or one bracketed vector, as {@code entity_addrvec_t::parse}. */
    public static EntityAddrVec parse(String text) {
        return parse(text, AddrType.ANY);
    }

    public static EntityAddrVec parse(String text, AddrType defaultType) {
        EntityAddrParser p = new EntityAddrParser(text, 0);
        EntityAddrVec v = parseAt(p, defaultType);
        if (p.pos != text.length()) {
            throw p.bad("unexpected trailing text");
        }
        return v;
    }

    /**
     * Parses the address or bracketed vector at the start of {@code text} and says what follows,
     * as {@code entity_addrvec_t::parse(s, &end)}: {@code "[127.0.0.1,::],- foo"} gives two
     * addresses and {@code ",- foo"}.
     *
     * @throws IllegalArgumentException when neither starts the text
     */
    public static AddrParse<EntityAddrVec> parsePrefix(String text, AddrType defaultType) {
        EntityAddrParser p = new EntityAddrParser(text, 0);
        EntityAddrVec v = parseAt(p, defaultType);
        return new AddrParse<>(v, text.substring(p.pos));
    }

    static EntityAddrVec parseAt(EntityAddrParser p, AddrType defaultType) {
        String s = p.s;
        // "[::1]:3300" is an IPv6 address, not a vector: a vector's first member starts with a prefix or digit
        if (p.pos < s.length() && s.charAt(p.pos) == '[' && !isBracketedIpv6(s, p.pos)) {
            p.pos++;
            List<EntityAddr> out = new ArrayList<>();
            while (true) {
                out.add(p.parse(defaultType));
                if (p.pos >= s.length()) {
                    throw p.bad("missing ']' at end of address vector");
                }
                char c = s.charAt(p.pos++);
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw p.bad("expected ',' or ']' in address vector");
                }
            }
            return new EntityAddrVec(out);
        }
        return new EntityAddrVec(List.of(p.parse(defaultType)));
    }

    private static boolean isBracketedIpv6(String s, int at) {
        int close = s.indexOf(']', at);
        if (close < 0) {
            return false;
        }
        String inner = s.substring(at + 1, close);
        return !inner.isEmpty() && inner.indexOf(':') >= 0 && inner.chars().allMatch(ch -> "0123456789abcdefABCDEF:.".indexOf(ch) >= 0);
    }

    public boolean isEmpty() {
        return addrs.isEmpty();
    }

    public int size() {
        return addrs.size();
    }

    public EntityAddr get(int i) {
        return addrs.get(i);
    }

    /** The first address of that type, if any. */
    public Optional<EntityAddr> first(AddrType type) {
        return addrs.stream().filter(a -> a.type() == type).findFirst();
    }

    public Optional<EntityAddr> msgr2() {
        return first(AddrType.MSGR2);
    }

    public Optional<EntityAddr> legacy() {
        return first(AddrType.LEGACY);
    }

    public boolean contains(EntityAddr a) {
        return addrs.contains(a);
    }

    /**
     * The addresses a connector tries, in order: v2 ones (and protocol-less ones, spoken as v2)
     * first, then v1 ones, as Ceph's clients prefer msgr2 and fall back to msgr1; blank addresses and
     * a protocol turned off ({@code ms_bind_msgr2}, {@code ms_bind_msgr1} false) are left out.
     */
    public List<EntityAddr> connectOrder(boolean msgr2, boolean msgr1) {
        List<EntityAddr> out = new ArrayList<>();
        for (EntityAddr a : addrs) {
            if (msgr2 && !a.isBlank() && (a.type() == AddrType.MSGR2 || a.type() == AddrType.ANY)) {
                out.add(a.withType(AddrType.MSGR2));
            }
        }
        for (EntityAddr a : addrs) {
            if (msgr1 && !a.isBlank() && a.type() == AddrType.LEGACY) {
                out.add(a);
            }
        }
        return out;
    }

    /** As Ceph prints it: a single address bare, several in brackets. */
    @Override
    public String toString() {
        if (addrs.size() == 1) {
            return addrs.get(0).toString();
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < addrs.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(addrs.get(i));
        }
        return sb.append(']').toString();
    }

    // written out, as EntityAddr's: no invokedynamic bootstrap at first use
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof EntityAddrVec v && v.addrs.equals(addrs);
    }

    @Override
    public int hashCode() {
        return addrs.hashCode();
    }
}

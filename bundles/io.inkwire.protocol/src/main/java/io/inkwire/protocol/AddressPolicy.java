package io.inkwire.protocol;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.config.CephConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Which protocols and address families a messenger uses, from {@code ms_bind_msgr1},
 * {@code ms_bind_msgr2}, {@code ms_bind_ipv4} and {@code ms_bind_ipv6} ({@code pick_addresses},
 * {@code src/common/pick_address.cc}; {@code AsyncMessenger::bindv}).
 *
 * <ul>
 *   <li>An acceptor asked to bind an address without a protocol (type ANY, or a bare IP) binds
 *       a v2 address on it and, on the next port, a v1 one — as a Ceph daemon binds 3300 and 6789
 *       — each only if its {@code ms_bind_msgr*} option is on; addresses of a disabled protocol
 *       or family are left out. The bound vector lists v2 first.</li>
 *   <li>A connector tries a peer's addresses v2 first, then v1 ({@link #connectOrder}), skipping
 *       the protocols its options turn off.</li>
 * </ul>
 */
public final class AddressPolicy {

    private AddressPolicy() {
    }

    /**
     * The addresses to bind for {@code wanted}. An ANY address on port P becomes v2 on P and v1 on
     * P + 1 when P is not 0, or both on port 0 (the OS picks) otherwise; a v1 address on
     * {@link EntityAddr#CEPH_MON_PORT_LEGACY} paired with v2 on {@link EntityAddr#CEPH_MON_PORT_IANA}
     * stays as written.
     *
     * @throws ProtocolException when the options leave nothing to bind
     */
    public static EntityAddrVec bindable(CephConfig o, EntityAddrVec wanted) throws ProtocolException {
        boolean v1 = o.getBoolean("ms_bind_msgr1", true);
        boolean v2 = o.getBoolean("ms_bind_msgr2", true);
        boolean ipv4 = o.getBoolean("ms_bind_ipv4", true);
        boolean ipv6 = o.getBoolean("ms_bind_ipv6", false);
        List<EntityAddr> v2s = new ArrayList<>();
        List<EntityAddr> v1s = new ArrayList<>();
        for (EntityAddr a : wanted.addrs()) {
            if (a.isBlank()) {
                continue;
            }
            // a family is only dropped when the other one is allowed: asking for ::1 with the defaults still binds it
            boolean familyOk = a.isIpv6() ? ipv6 || !ipv4 || onlyV6(wanted) : ipv4 || !ipv6 || onlyV4(wanted);
            if (!familyOk) {
                continue;
            }
            switch (a.type()) {
                case MSGR2:
                    if (v2) {
                        v2s.add(a);
                    }
                    break;
                case LEGACY:
                    if (v1) {
                        v1s.add(a);
                    }
                    break;
                case ANY:
                    if (v2) {
                        v2s.add(a.withType(AddrType.MSGR2));
                    }
                    if (v1) {
                        v1s.add(new EntityAddr(AddrType.LEGACY, a.nonce(), a.ip(), a.port() == 0 ? 0 : a.port() + (v2 ? 1 : 0)));
                    }
                    break;
                default:
                    throw new ProtocolException("cannot bind " + a + ": not a v1, v2 or protocol-less address");
            }
        }
        List<EntityAddr> out = new ArrayList<>(v2s);
        out.addAll(v1s);
        if (out.isEmpty()) {
            throw new ProtocolException("nothing to bind for " + wanted + " with ms_bind_msgr1=" + v1 + " ms_bind_msgr2=" + v2
                    + " ms_bind_ipv4=" + ipv4 + " ms_bind_ipv6=" + ipv6);
        }
        return new EntityAddrVec(out);
    }

    private static boolean onlyV6(EntityAddrVec v) {
        return v.addrs().stream().allMatch(a -> a.isBlank() || a.isIpv6());
    }

    private static boolean onlyV4(EntityAddrVec v) {
        return v.addrs().stream().allMatch(a -> a.isBlank() || !a.isIpv6());
    }

    /**
     * The order a connector tries a peer's addresses in: v2 (and protocol-less ANY, spoken as v2)
     * first, then v1, as Ceph's client prefers msgr2 and falls back to msgr1; a protocol whose
     * {@code ms_bind_msgr*} option is off is not used.
     */
    public static List<EntityAddr> connectOrder(CephConfig o, EntityAddrVec peer) {
        return peer.connectOrder(o.getBoolean("ms_bind_msgr2", true), o.getBoolean("ms_bind_msgr1", true));
    }
}

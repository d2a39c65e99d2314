package io.inkwire.protocol;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.auth.none.NoneAuthProvider;
import io.inkwire.mode.crc.CrcConnectionMode;
import io.inkwire.mode.secure.SecureConnectionMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Two {@link ProtocolV2} engines, or one engine and a scripted peer, joined by in-memory byte
 * queues ({@link PumpEnd}): a client and a monitor with auth none and crc unless told otherwise.
 */
final class EngineHarness {

    /** The address the acceptor "listens" on and the connector dials (a monitor: nonce 0). */
    static final EntityAddr MON_ADDR = EntityAddr.msgr2("127.0.0.1", 3300);
    static final InetSocketAddress CLIENT_SOCKET = new InetSocketAddress(loopback(), 55460);

    private EngineHarness() {
    }

    /** auth none + crc everywhere, plus {@code extra} (k1, v1, k2, v2, ...). */
    static CephConfig options(String... extra) {
        Map<String, String> m = new HashMap<>(Map.of("auth_client_required", "none", "auth_service_required", "none",
                "auth_cluster_required", "none", "ms_mon_client_mode", "crc", "ms_mon_service_mode", "crc",
                "ms_client_mode", "crc", "ms_service_mode", "crc", "ms_cluster_mode", "crc", "ms_mon_cluster_mode", "crc"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return CephConfig.of(m);
    }

    static MessengerCore core(EntityName name, CephConfig options) {
        return core(name, options, null);
    }

    /** As {@link #core(EntityName, CephConfig)}, with {@code policy} towards every peer type (null: the defaults). */
    static MessengerCore core(EntityName name, CephConfig options, ConnectionPolicy policy) {
        MessengerConfig.Builder b = MessengerConfig.builder(name).options(options).authProvider(new NoneAuthProvider())
                .mode(new CrcConnectionMode()).mode(new SecureConnectionMode());
        if (policy != null) {
            b.policies(t -> policy);
        }
        return new MessengerCore(b.build());
    }

    /** A client dialing {@link #MON_ADDR}. */
    static Endpoint connector(CephConfig options, long seed) {
        Endpoint e = new Endpoint(core(EntityName.CLIENT_ADMIN, options), new InetSocketAddress(loopback(), 3300), CLIENT_SOCKET, seed);
        e.engine = ProtocolV2.connector(e.core, e.transport, e.listener, MON_ADDR, EntityType.MON);
        return e;
    }

    /** mon.a bound on {@link #MON_ADDR}, accepting from {@link #CLIENT_SOCKET}. */
    static Endpoint acceptor(CephConfig options, long seed) {
        MessengerCore core = core(new EntityName(EntityType.MON, "a"), options);
        core.setMyAddrs(EntityAddrVec.of(MON_ADDR));
        Endpoint e = new Endpoint(core, CLIENT_SOCKET, new InetSocketAddress(loopback(), 3300), seed);
        e.engine = ProtocolV2.acceptor(e.core, e.transport, e.listener);
        return e;
    }

    static void pump(Endpoint a, Endpoint b) {
        PumpEnd.pump(a, b);
    }

    static InetAddress loopback() {
        return PumpEnd.loopback();
    }

    /** One msgr2 end. */
    static final class Endpoint extends PumpEnd<ProtocolV2> {
        Endpoint(MessengerCore core, InetSocketAddress remote, InetSocketAddress local, long seed) {
            super(core, remote, local, seed);
        }
    }
}

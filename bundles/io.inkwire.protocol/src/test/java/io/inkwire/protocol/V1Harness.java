package io.inkwire.protocol;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.auth.cephx.CephxAuthProvider;
import io.inkwire.auth.none.NoneAuthProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Msgr1 engines joined by in-memory byte queues ({@link PumpEnd}), with cephx and none installed
 * and the keys of a throw-away lab.
 */
final class V1Harness {

    static final EntityAddr MON_V1 = EntityAddr.parse("v1:127.0.0.1:6789/0");
    static final EntityAddr OSD_V1 = EntityAddr.parse("v1:127.0.0.1:6801/4242");
    static final InetSocketAddress CLIENT_SOCKET = new InetSocketAddress(loopback(), 42064);

    /** Test keys of a throw-away lab (client.admin) and a general OSD service secret shared by "mon" and "osd". */
    static final String ADMIN_KEY = "AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==";
    static final String OSD_SERVICE_KEY = "AQAAAAAAAAAAABAAEBESExQVFhcYGRobHB0eHw==";
    static final String MON_KEY = "AQAAAAAAAAAAABAAICEiIyQlJicoKSorLC0uLw==";

    private V1Harness() {
    }

    static InetAddress loopback() {
        return PumpEnd.loopback();
    }

    static CephConfig options(String auth, String... extra) {
        Map<String, String> m = new HashMap<>(Map.of("auth_client_required", auth, "auth_service_required", auth,
                "auth_cluster_required", auth));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return CephConfig.of(m);
    }

    static Keyring keyring() {
        Map<EntityName, CryptoKey> keys = Map.of(
                EntityName.CLIENT_ADMIN, CryptoKey.fromBase64(ADMIN_KEY),
                EntityName.parse("osd."), CryptoKey.fromBase64(OSD_SERVICE_KEY),
                EntityName.parse("mon."), CryptoKey.fromBase64(MON_KEY));
        return e -> Optional.ofNullable(keys.get(e));
    }

    static MessengerCore core(EntityName name, CephConfig options) {
        List<AuthProvider> auth = List.of(new CephxAuthProvider(), new NoneAuthProvider());
        MessengerConfig cfg = MessengerConfig.builder(name).options(options).keyring(keyring()).authProviders(auth)
                .policies(t -> name.type() == EntityType.CLIENT ? ConnectionPolicy.lossyClient()
                        : t == EntityType.CLIENT ? ConnectionPolicy.statelessServer() : ConnectionPolicy.losslessPeer())
                .build();
        return new MessengerCore(cfg);
    }

    /** The bare engine dialing {@code target}: a monitor session's MAuth is the test's. */
    static Endpoint connector(MessengerCore core, EntityAddr target, EntityType peerType, long seed) {
        Endpoint e = new Endpoint(core, target.socketAddress(), CLIENT_SOCKET, seed);
        e.engine = ProtocolV1.connector(core, e.transport, e.listener, target, peerType);
        return e;
    }

    /** The bare engine accepting on {@code bound}. */
    static Endpoint acceptor(MessengerCore core, EntityAddr bound, long seed) {
        core.setMyAddrs(EntityAddrVec.of(bound));
        Endpoint e = new Endpoint(core, CLIENT_SOCKET, bound.socketAddress(), seed);
        e.engine = ProtocolV1.acceptor(core, e.transport, e.listener);
        return e;
    }

    /** As a messenger makes them ({@link ProtocolEngine#connector}): a monitor session runs MAuth before it is ready. */
    static Endpoint messengerConnector(MessengerCore core, EntityAddr target, EntityType peerType, long seed) {
        Endpoint e = new Endpoint(core, target.socketAddress(), CLIENT_SOCKET, seed);
        e.engine = (ProtocolV1) ProtocolEngine.connector(core, e.transport, Session.dialing(core, target, peerType, e.listener));
        return e;
    }

    /** As a messenger makes them ({@link ProtocolEngine#acceptor}) on a v1 port. */
    static Endpoint messengerAcceptor(MessengerCore core, EntityAddr bound, long seed) {
        core.setMyAddrs(EntityAddrVec.of(bound));
        Endpoint e = new Endpoint(core, CLIENT_SOCKET, bound.socketAddress(), seed);
        e.engine = (ProtocolV1) ProtocolEngine.acceptor(core, e.transport, Session.accepted(e.listener), bound.type());
        return e;
    }

    static void pump(Endpoint a, Endpoint b) {
        PumpEnd.pump(a, b);
    }

    static byte[] resource(String name) {
        try (InputStream in = V1Harness.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One msgr1 end. */
    static final class Endpoint extends PumpEnd<ProtocolV1> {
        Endpoint(MessengerCore core, InetSocketAddress remote, InetSocketAddress local, long seed) {
            super(core, remote, local, seed);
        }
    }
}

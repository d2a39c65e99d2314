package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthClientSession;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthResult;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * inkwire to inkwire over real sockets with gss against a real MIT KDC: a monitor that hands out
 * global ids over Ceph's gss sequence, an OSD-like acceptor that checks AP-REQ authorizers, messages
 * of every size in secure and crc mode and over msgr1; a principal claiming another entity is refused; and a
 * client whose derived session key differs by one bit fails AUTH_SIGNATURE (the key is real).
 */
class JavaToJavaGssTest {

    @RegisterExtension
    static final KdcLab KDC = KdcLab.create("krb-j2j", 18094).clients("client.alice", "client.bob");

    static final EntityName ALICE = EntityName.parse("client.alice");
    static final EntityName MON = EntityName.parse("mon.a");
    static final EntityName OSD = EntityName.parse("osd.0");

    static CephConfig gss(String mode, String client) {
        Map<String, String> o = new HashMap<>();
        for (String k : new String[] {"auth_cluster_required", "auth_service_required", "auth_client_required"}) {
            o.put(k, "gss");
        }
        for (String k : new String[] {"ms_cluster_mode", "ms_service_mode", "ms_client_mode", "ms_mon_cluster_mode", "ms_mon_service_mode",
            "ms_mon_client_mode"}) {
            o.put(k, mode);
        }
        o.put("gss_krb5_conf", KDC.krb5Conf().toString());
        o.put("gss_target_name", KdcLab.TARGET);
        o.put("gss_ktab_service_file", KDC.serviceKeytab().toString());
        if (client != null) {
            o.put("gss_ktab_client_file", KDC.keytab(client).toString());
        }
        return CephConfig.of(o);
    }

    static Messenger messenger(EntityName name, CephConfig options, List<AuthProvider> auth, Dispatcher d) {
        return Providers.transport().create(MessengerConfig.builder(name).options(options).keyring(Keyring.empty())
                .authProviders(auth).modes(Providers.modes()).codecs(Providers.codecs()).dispatcher(d).build());
    }

    static EntityAddr bind(Messenger m) throws Exception {
        return bind(m, "v2");
    }

    static EntityAddr bind(Messenger m, String protocol) throws Exception {
        return m.bind(EntityAddrVec.of(EntityAddr.parse(protocol + ":127.0.0.1:0/0"))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
    }

    static AuthProvider gssProvider() {
        return Providers.auth().stream().filter(p -> p.name().equals("gss")).findFirst().orElseThrow(() -> new AssertionError("gss not found by ServiceLoader"));
    }

    @Test
    void a_monitor_session_and_an_ap_req_authorizer_carry_messages_of_every_size_in_secure_and_crc_mode() throws Exception {
        for (String mode : new String[] {"secure", "crc"}) {
            exchange("v2", mode);
        }
    }

    /** msgr1 has no modes: the monitor session runs over MAuth messages and the authorizer rides in the connect message. */
    @Test
    void the_same_over_msgr1() throws Exception {
        exchange("v1", "crc");
    }

    private static void exchange(String protocol, String mode) throws Exception {
        BlockingQueue<RawMessage> atOsd = new LinkedBlockingQueue<>();
        BlockingQueue<RawMessage> atClient = new LinkedBlockingQueue<>();
        CompletableFuture<ConnectionInfo> osdSaw = new CompletableFuture<>();
        Dispatcher osdSide = new Dispatcher() {
            @Override
            public void onMessage(Connection c, RawMessage m) {
                atOsd.add(m);
                c.send(m.toBuilder().build());
            }

            @Override
            public void onReady(Connection c) {
                c.info().ifPresent(osdSaw::complete);
            }
        };
        try (Messenger mon = messenger(MON, gss(mode, null), Providers.auth(), (c, m) -> { });
             Messenger osd = messenger(OSD, gss(mode, null), Providers.auth(), osdSide);
             Messenger client = messenger(ALICE, gss(mode, "client.alice"), Providers.auth(), (c, m) -> atClient.add(m))) {
            Connection toMon = client.connect(bind(mon, protocol), EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
            ConnectionInfo monInfo = toMon.info().orElseThrow();
            assertEquals("gss", monInfo.authMethod());
            assertEquals(protocol.equals("v1") ? "msgr1" : "msgr2", monInfo.protocol());
            if (protocol.equals("v2")) {
                assertEquals(mode, monInfo.mode());
            }
            assertTrue(monInfo.globalId() > 0, "the monitor assigned a global id");

            Connection toOsd = client.connect(bind(osd, protocol), EntityType.OSD).toCompletableFuture().get(20, TimeUnit.SECONDS);
            if (protocol.equals("v2")) {
                assertEquals(mode, toOsd.info().orElseThrow().mode());
            }
            ConnectionInfo seen = osdSaw.get(10, TimeUnit.SECONDS);
            assertEquals(ALICE, seen.peerName(), "the OSD named the Kerberos principal's entity");
            assertEquals("gss", seen.authMethod());
            assertEquals(monInfo.globalId(), seen.globalId(), "the authorizer carries the global id the monitor gave");

            SecureRandom r = new SecureRandom();
            int[] sizes = {0, 1, 4096, 1 << 20, 4 << 20};
            for (int i = 0; i < sizes.length; i++) {
                byte[] data = new byte[sizes[i]];
                r.nextBytes(data);
                toOsd.send(RawMessage.builder(0x7e57).tid(i + 1).data(data).build());
                RawMessage got = atOsd.poll(30, TimeUnit.SECONDS);
                assertNotNull(got, mode + " size " + sizes[i]);
                byte[] in = new byte[got.dataLength()];
                got.data().get(in);
                assertArrayEquals(data, in, mode + " size " + sizes[i] + " at the OSD");
                RawMessage back = atClient.poll(30, TimeUnit.SECONDS);
                assertNotNull(back, mode + " size " + sizes[i] + " echoed");
                byte[] echoed = new byte[back.dataLength()];
                back.data().get(echoed);
                assertArrayEquals(data, echoed, mode + " size " + sizes[i] + " back at the client");
            }
        }
    }

    @Test
    void a_principal_claiming_another_entity_is_refused_with_eacces() throws Exception {
        Map<String, String> o = new HashMap<>(gss("secure", "client.bob").explicit());
        o.put("gss_client_principal", "client.bob");
        try (Messenger mon = messenger(MON, gss("secure", null), Providers.auth(), (c, m) -> { });
             Messenger osd = messenger(OSD, gss("secure", null), Providers.auth(), (c, m) -> { });
             Messenger impostor = messenger(ALICE, CephConfig.of(o), Providers.auth(), (c, m) -> { })) {
            EntityAddr monAt = bind(mon);
            EntityAddr osdAt = bind(osd);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> impostor.connect(monAt, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(AuthException.EACCES, assertInstanceOf(AuthException.class, e.getCause()).errno());
            e = assertThrows(ExecutionException.class, () -> impostor.connect(osdAt, EntityType.OSD).toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(AuthException.EACCES, assertInstanceOf(AuthException.class, e.getCause()).errno(), "and by an OSD's authorizer check");
        }
    }

    @Test
    void a_session_key_off_by_one_bit_fails_auth_signature() throws Exception {
        List<AuthProvider> flipped = new ArrayList<>();
        for (AuthProvider p : Providers.auth()) {
            flipped.add(p.name().equals("gss") ? new FlippedSessionKey(p) : p);
        }
        try (Messenger mon = messenger(MON, gss("crc", null), Providers.auth(), (c, m) -> { });
             Messenger client = messenger(ALICE, gss("crc", "client.alice"), flipped, (c, m) -> { })) {
            EntityAddr at = bind(mon);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.connect(at, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause().getMessage()).toLowerCase().contains("signature"), String.valueOf(e.getCause()));
        }
        // the same pair with the real provider connects: the failure above is the key's alone
        try (Messenger mon = messenger(MON, gss("crc", null), Providers.auth(), (c, m) -> { });
             Messenger client = messenger(ALICE, gss("crc", "client.alice"), Providers.auth(), (c, m) -> { })) {
            assertEquals("gss", client.connect(bind(mon), EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS).info().orElseThrow().authMethod());
        }
    }

    /** The gss provider with one bit of the client's derived session key flipped. */
    record FlippedSessionKey(AuthProvider real) implements AuthProvider {
        @Override
        public int method() {
            return real.method();
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public boolean providesConnectionSecret() {
            return true;
        }

        @Override
        public AuthServerHandler newServerHandler(AuthServerConfig config) throws AuthException {
            return real.newServerHandler(config);
        }

        @Override
        public AuthClientHandler newClientHandler(AuthClientConfig config) throws AuthException {
            AuthClientHandler h = real.newClientHandler(config);
            return new AuthClientHandler() {
                @Override
                public AuthClientSession newSession(EntityType peerType) throws AuthException {
                    AuthClientSession s = h.newSession(peerType);
                    return new AuthClientSession() {
                        @Override
                        public byte[] initialRequest() throws AuthException {
                            return s.initialRequest();
                        }

                        @Override
                        public byte[] handleReplyMore(byte[] payload) throws AuthException {
                            return s.handleReplyMore(payload);
                        }

                        @Override
                        public AuthResult handleDone(long globalId, int conMode, int len, byte[] payload) throws AuthException {
                            AuthResult r = s.handleDone(globalId, conMode, len, payload);
                            byte[] key = r.sessionKey().clone();
                            key[0] ^= 1;
                            return new AuthResult(r.entity(), r.globalId(), key, r.connectionSecret().clone());
                        }

                        @Override
                        public void close() {
                            s.close();
                        }
                    };
                }

                @Override
                public long globalId() {
                    return h.globalId();
                }

                @Override
                public void close() {
                    h.close();
                }
            };
        }
    }
}

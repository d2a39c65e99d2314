package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.IntegrityException;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * inkwire talking to inkwire over real sockets with cephx and secure mode: an inkwire monitor as the
 * cephx authority, an inkwire OSD validating the authorizers built from its tickets, large messages,
 * wrong keys and unknown entities, and a proxy that flips one bit of a secure frame.
 */
class JavaToJavaCephxSecureTest {

    static final EntityName MON = new EntityName(EntityType.MON, "a");
    static final EntityName OSD = new EntityName(EntityType.OSD, "0");
    static final EntityName OSD_SERVICE = new EntityName(EntityType.OSD, ""); // [osd.]: the service secret the mon and the OSD share

    static final Map<EntityName, CryptoKey> KEYS = new HashMap<>();

    static {
        for (EntityName n : new EntityName[] {EntityName.CLIENT_ADMIN, MON, OSD, OSD_SERVICE}) {
            KEYS.put(n, CryptoKey.generateAes());
        }
    }

    static CephConfig cephxSecure() {
        Map<String, String> o = new HashMap<>();
        for (String k : new String[] {"auth_cluster_required", "auth_service_required", "auth_client_required"}) {
            o.put(k, "cephx");
        }
        for (String k : new String[] {"ms_cluster_mode", "ms_service_mode", "ms_client_mode", "ms_mon_cluster_mode", "ms_mon_service_mode",
            "ms_mon_client_mode"}) {
            o.put(k, "secure");
        }
        return CephConfig.of(o);
    }

    static Messenger messenger(EntityName name, Keyring keyring, Dispatcher d) {
        return Providers.transport().create(MessengerConfig.builder(name).options(cephxSecure()).keyring(keyring)
                .authProviders(Providers.auth()).modes(Providers.modes()).codecs(Providers.codecs()).dispatcher(d).build());
    }

    static Keyring keyring(Map<EntityName, CryptoKey> keys) {
        return e -> Optional.ofNullable(keys.get(e));
    }

    static EntityAddr bind(Messenger m) throws Exception {
        return m.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
    }

    @Test
    void monitor_tickets_open_an_osd_session_and_messages_of_every_size_arrive_intact() throws Exception {
        BlockingQueue<RawMessage> atOsd = new LinkedBlockingQueue<>();
        BlockingQueue<RawMessage> atClient = new LinkedBlockingQueue<>();
        try (Messenger mon = messenger(MON, keyring(KEYS), (c, m) -> { });
             Messenger osd = messenger(OSD, keyring(KEYS), (c, m) -> {
                 atOsd.add(m.copy()); // kept past the callback
                 c.send(m.toBuilder().build());
             });
             Messenger client = messenger(EntityName.CLIENT_ADMIN, keyring(Map.of(EntityName.CLIENT_ADMIN, KEYS.get(EntityName.CLIENT_ADMIN))),
                     (c, m) -> atClient.add(m.copy()))) {
            EntityAddr monAddr = bind(mon);
            EntityAddr osdAddr = bind(osd);
            Connection toMon = client.connect(monAddr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            ConnectionInfo monInfo = toMon.info().orElseThrow();
            assertEquals("cephx", monInfo.authMethod());
            assertEquals("secure", monInfo.mode());

            Connection toOsd = client.connect(osdAddr, EntityType.OSD).toCompletableFuture().get(10, TimeUnit.SECONDS);
            ConnectionInfo osdInfo = toOsd.info().orElseThrow();
            assertEquals("secure", osdInfo.mode());
            assertEquals(monInfo.globalId(), osdInfo.globalId(), "the authorizer carries the global id the monitor gave");

            SecureRandom r = new SecureRandom();
            int[] sizes = {0, 1, 4096, 1 << 20, 16 << 20};
            byte[][] sent = new byte[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                sent[i] = new byte[sizes[i]];
                r.nextBytes(sent[i]);
                toOsd.send(RawMessage.builder(0x7e57).tid(i + 1).front(new byte[] {(byte) i}).data(sent[i]).build());
            }
            for (int i = 0; i < sizes.length; i++) {
                RawMessage got = atOsd.poll(30, TimeUnit.SECONDS);
                assertEquals(i + 1, got.tid());
                byte[] data = new byte[got.dataLength()];
                got.data().get(data);
                assertArrayEquals(sent[i], data, "size " + sizes[i] + " at the acceptor");
                RawMessage back = atClient.poll(30, TimeUnit.SECONDS);
                byte[] echoed = new byte[back.dataLength()];
                back.data().get(echoed);
                assertArrayEquals(sent[i], echoed, "size " + sizes[i] + " back at the connector");
            }
        }
    }

    @Test
    void a_wrong_key_and_an_unknown_entity_are_refused_with_eacces() throws Exception {
        try (Messenger mon = messenger(MON, keyring(KEYS), (c, m) -> { })) {
            EntityAddr monAddr = bind(mon);
            try (Messenger wrong = messenger(EntityName.CLIENT_ADMIN, keyring(Map.of(EntityName.CLIENT_ADMIN, CryptoKey.generateAes())), (c, m) -> { })) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> wrong.connect(monAddr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS));
                AuthException a = assertInstanceOf(AuthException.class, e.getCause());
                assertEquals(AuthException.EACCES, a.errno());
            }
            EntityName stranger = new EntityName(EntityType.CLIENT, "stranger");
            try (Messenger unknown = messenger(stranger, keyring(Map.of(stranger, CryptoKey.generateAes())), (c, m) -> { })) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> unknown.connect(monAddr, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS));
                AuthException a = assertInstanceOf(AuthException.class, e.getCause());
                assertEquals(AuthException.EACCES, a.errno());
                assertTrue(a.getMessage().contains("client.stranger"), a.getMessage());
            }
        }
    }

    @Test
    void one_flipped_bit_anywhere_in_a_secure_frame_closes_the_connection_and_delivers_nothing() throws Exception {
        // offsets into the encoded frame: preamble, inline area, block A's tag, block B (segment), last tag byte
        for (int offset : new int[] {3, 50, 90, 120, -1}) {
            Outcome o = sendThroughTamperingMode(TamperingMode.Action.flip(offset));
            assertInstanceOf(IntegrityException.class, o.cause(), "offset " + offset + ": " + o.cause());
            assertEquals(java.util.List.of(1L), o.delivered(), "offset " + offset + ": only the intact frame was delivered");
        }
    }

    @Test
    void a_replayed_secure_frame_is_rejected() throws Exception {
        Outcome o = sendThroughTamperingMode(TamperingMode.Action.replaying());
        assertInstanceOf(IntegrityException.class, o.cause(), String.valueOf(o.cause()));
        assertEquals(java.util.List.of(1L, TamperingMode.TAMPER_TID), o.delivered(), "the replayed copy of message 1 is not delivered twice");
    }

    record Outcome(Throwable cause, java.util.List<Long> delivered) {
    }

    /**
     * The connector's secure mode is wrapped so that the frame of message {@link TamperingMode#TAMPER_TID} leaves with one
     * bit flipped (or followed by a replay of the previous frame's bytes); the acceptor runs the real secure mode.
     */
    private Outcome sendThroughTamperingMode(TamperingMode.Action action) throws Exception {
        java.util.List<Long> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Throwable> cause = new AtomicReference<>();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Dispatcher monSide = new Dispatcher() {
            @Override
            public void onMessage(Connection c, RawMessage m) {
                delivered.add(m.tid());
            }

            @Override
            public void onClosed(Connection c, Throwable t) {
                cause.compareAndSet(null, t);
                closed.countDown();
            }
        };
        java.util.List<io.inkwire.api.mode.ConnectionMode> modes = new java.util.ArrayList<>();
        for (io.inkwire.api.mode.ConnectionMode m : Providers.modes()) {
            modes.add(m.name().equals("secure") ? new TamperingMode(m, action) : m);
        }
        try (Messenger mon = messenger(MON, keyring(KEYS), monSide);
             Messenger client = Providers.transport().create(MessengerConfig.builder(EntityName.CLIENT_ADMIN).options(cephxSecure())
                     .keyring(keyring(KEYS)).authProviders(Providers.auth()).modes(modes).codecs(Providers.codecs()).build())) {
            Connection c = client.connect(bind(mon), EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.send(RawMessage.builder(0x7e57).tid(1).data(new byte[200]).build());
            c.send(RawMessage.builder(0x7e57).tid(TamperingMode.TAMPER_TID).data(new byte[200]).build());
            assertTrue(closed.await(10, TimeUnit.SECONDS), "the acceptor closed the connection");
        }
        // both messengers are closed and their I/O threads have ended: whatever was going to be
        // delivered has been, so the list is final (dispatch is ordered, onClosed comes last)
        return new Outcome(cause.get(), java.util.List.copyOf(delivered));
    }
}

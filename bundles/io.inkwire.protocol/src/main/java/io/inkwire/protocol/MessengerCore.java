package io.inkwire.protocol;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.mode.ConnectionMode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all connections of one messenger share: identity, options, providers and their long-lived
 * auth handlers, the global_seq counter, the nonce and the bound addresses. Thread-safe.
 */
public final class MessengerCore implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MessengerConfig config;
    private final int nonce;
    private final AtomicLong globalSeq = new AtomicLong();
    private final SessionRegistry sessions = new SessionRegistry();
    private final AtomicLong nextGlobalId;
    private final Map<Integer, AuthClientHandler> clientHandlers = new ConcurrentHashMap<>();
    private final Map<Integer, AuthServerHandler> serverHandlers = new ConcurrentHashMap<>();
    private volatile EntityAddrVec myAddrs = new EntityAddrVec(List.of());
    /** Limits read on every frame, looked up once: a messenger's options do not change (a new configuration makes a new messenger). */
    private final long maxSegmentLength;
    private final long maxControlFrameLength;
    private final long maxMessageLength;
    private final long maxUnackedBytes;
    /** The arrays received message payloads are read into ({@value BufferPool#RETAINED_OPTION} bounds what it keeps). */
    private final BufferPool receiveBuffers;

    public MessengerCore(MessengerConfig config) {
        this.config = config;
        // monitors are reached at nonce 0; everyone else draws one, as Ceph's messengers do
        this.nonce = config.name().type() == EntityType.MON ? 0 : 1 + RANDOM.nextInt(Integer.MAX_VALUE - 1);
        this.nextGlobalId = new AtomicLong(4096 + RANDOM.nextInt(1 << 16));
        CephConfig o = config.options();
        this.maxSegmentLength = o.getLong("inkwire_max_frame_segment_bytes", 256L << 20);
        this.maxControlFrameLength = o.getLong("inkwire_max_control_frame_bytes", 1 << 20);
        this.maxMessageLength = o.getLong(MAX_MESSAGE_OPTION, 256L << 20);
        this.maxUnackedBytes = o.getLong(MAX_UNACKED_OPTION, 128L << 20);
        this.receiveBuffers = new BufferPool(o.getLong(BufferPool.RETAINED_OPTION, BufferPool.DEFAULT_RETAINED));
    }

    /** The pool of this messenger's receive buffers, shared by all its sockets. */
    public BufferPool receiveBuffers() {
        return receiveBuffers;
    }

    public MessengerConfig config() {
        return config;
    }

    public EntityName name() {
        return config.name();
    }

    public CephConfig options() {
        return config.options();
    }

    public int nonce() {
        return nonce;
    }

    public long nextGlobalSeq() {
        return globalSeq.incrementAndGet();
    }

    /** After SESSION_RETRY_GLOBAL: our next global_seq must exceed the peer's {@code seen}. */
    public void advanceGlobalSeq(long seen) {
        globalSeq.accumulateAndGet(seen, Math::max);
    }

    /** Lossless sessions peers opened with us, kept for them to resume. */
    public SessionRegistry sessions() {
        return sessions;
    }

    public EntityAddrVec myAddrs() {
        return myAddrs;
    }

    public void setMyAddrs(EntityAddrVec addrs) {
        this.myAddrs = addrs;
    }

    public ConnectionPolicy policy(EntityType peer) {
        return config.policy(peer);
    }

    public long maxSegmentLength() {
        return maxSegmentLength;
    }

    public long maxControlFrameLength() {
        return maxControlFrameLength;
    }

    /** The option bounding one MESSAGE frame (all segments). */
    public static final String MAX_MESSAGE_OPTION = "inkwire_max_message_bytes";
    /** The option bounding what a lossless session keeps sent but unacknowledged before it stops writing. */
    public static final String MAX_UNACKED_OPTION = "inkwire_max_unacked_bytes";

    /** The largest MESSAGE frame accepted ({@value #MAX_MESSAGE_OPTION}, default 256 MiB, as Ceph's osd_max_write_size ballpark). */
    public long maxMessageLength() {
        return maxMessageLength;
    }

    /** How many bytes a lossless session may have sent and not yet seen acknowledged ({@value #MAX_UNACKED_OPTION}, default 128 MiB). */
    public long maxUnackedBytes() {
        return maxUnackedBytes;
    }

    public Optional<AuthProvider> authProvider(int method) {
        return config.authProviders().stream().filter(p -> p.method() == method).findFirst();
    }

    public Optional<AuthProvider> authProvider(String name) {
        return config.authProviders().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ConnectionMode> mode(int id) {
        return config.modes().stream().filter(m -> m.id() == id).findFirst();
    }

    public Optional<ConnectionMode> mode(String name) {
        return config.modes().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Installed auth providers for the methods the options allow towards {@code peer}, in preference order. */
    public List<AuthProvider> allowedMethods(EntityType peer) {
        List<AuthProvider> out = new ArrayList<>();
        for (String n : AuthPolicy.methods(options(), name().type(), peer)) {
            authProvider(n).filter(p -> !out.contains(p)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Installed modes the options allow towards {@code peer} that {@code method} can serve (a mode
     * needing a connection secret needs a method that yields one), in preference order.
     */
    public List<ConnectionMode> allowedModes(EntityType peer, AuthProvider method) {
        List<ConnectionMode> out = new ArrayList<>();
        for (String n : AuthPolicy.modes(options(), name().type(), peer)) {
            mode(n).filter(m -> !out.contains(m))
                    .filter(m -> m.connectionSecretLength() == 0 || method.providesConnectionSecret())
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The client-side handler of this identity for a method, created once. */
    public AuthClientHandler clientHandler(AuthProvider p) throws AuthException {
        AuthClientHandler h = clientHandlers.get(p.method());
        if (h == null) {
            synchronized (clientHandlers) {
                h = clientHandlers.get(p.method());
                if (h == null) {
                    h = p.newClientHandler(new AuthClientConfig(name(), config.keyring(), options()));
                    clientHandlers.put(p.method(), h);
                }
            }
        }
        return h;
    }

    /** The client-side handler for a method if one was created. */
    public Optional<AuthClientHandler> existingClientHandler(int method) {
        return Optional.ofNullable(clientHandlers.get(method));
    }

    /** The server-side handler for a method, created once. */
    public AuthServerHandler serverHandler(AuthProvider p) throws AuthException {
        AuthServerHandler h = serverHandlers.get(p.method());
        if (h == null) {
            synchronized (serverHandlers) {
                h = serverHandlers.get(p.method());
                if (h == null) {
                    h = p.newServerHandler(new AuthServerConfig(name(), config.keyring(), options(), nextGlobalId::getAndIncrement));
                    serverHandlers.put(p.method(), h);
                }
            }
        }
        return h;
    }

    /** The global id our monitor session obtained (0 before). */
    public long globalId() {
        return clientHandlers.values().stream().mapToLong(AuthClientHandler::globalId).filter(g -> g != 0).findFirst().orElse(0);
    }

    public static long randomCookie() {
        long c;
        do {
            c = RANDOM.nextLong();
        } while (c == 0);
        return c;
    }

    @Override
    public void close() {
        clientHandlers.values().forEach(AuthClientHandler::close);
        serverHandlers.values().forEach(AuthServerHandler::close);
        clientHandlers.clear();
        serverHandlers.clear();
    }
}

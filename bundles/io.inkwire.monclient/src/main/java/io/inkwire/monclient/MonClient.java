package io.inkwire.monclient;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.ConnectionInfo;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.CephMessage;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MAuth;
import io.inkwire.codec.mon.MAuthReply;
import io.inkwire.codec.mon.MConfig;
import io.inkwire.codec.mon.MMonCommand;
import io.inkwire.codec.mon.MMonCommandAck;
import io.inkwire.codec.mon.MMonGetMap;
import io.inkwire.codec.mon.MMonMap;
import io.inkwire.codec.mon.MMonSubscribe;
import io.inkwire.codec.mon.MonInfo;
import io.inkwire.codec.mon.MonMap;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session with the monitors, as Ceph's {@code MonClient} keeps one ({@code src/mon/MonClient.cc}):
 * hunt through the initial monitor list until one completes the handshake, fetch the monmap
 * (MMonGetMap + a subscription to {@code monmap} and {@code config}), then run commands matched by
 * tid, keeping the session alive with KEEPALIVE2 every {@code mon_client_ping_interval}.
 *
 * <p>Each monitor is tried at its v2 address first and at its v1 address when v2 fails or is
 * absent ({@code ms_bind_msgr2} / {@code ms_bind_msgr1} turn either off). On msgr1 the transport
 * authenticates the session with MAuth before handing it over. When a session opened over msgr1
 * learns from the monmap that its monitor has a v2 address, it moves there, as
 * {@code MonClient::handle_monmap} reopens the session ("has (v2) addrs … but i'm connected to …").
 *
 * <p>Thread-safe. Dispatch happens on the messenger's I/O thread; futures complete there.
 */
public final class MonClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MonClient.class.getName());
    /** The messages this client handles itself; everything else goes to the configured dispatcher undecoded. */
    private static final java.util.Set<Integer> MONITOR_TYPES = java.util.Set.of(MMonMap.CEPH_MSG_MON_MAP,
            MMonCommandAck.MSG_MON_COMMAND_ACK, MAuthReply.CEPH_MSG_AUTH_REPLY, MConfig.MSG_CONFIG);

    private final Messenger messenger;
    private final MessageCodecs codecs;
    private final CephConfig options;
    private final List<EntityAddrVec> initialMons;
    private final Duration mountTimeout;
    private final Dispatcher userDispatcher;
    private final ScheduledExecutorService timer;
    private final AtomicLong lastTid = new AtomicLong();
    /** Commands sent and not yet answered, by tid: re-sent on a new session if the old one dies ({@code _resend_mon_commands}). */
    private final Map<Long, PendingCommand> commands = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger reconnects = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closing;
    private volatile boolean reopening;
    private volatile boolean hunting;
    private volatile Connection pingedSession;
    private volatile long lastPingAck;
    /** The monitor address of the session that was lost last: tried last when hunting. */
    private volatile EntityAddr lostAt;
    private final java.util.Random random = new java.util.Random();

    /**
     * Requests to a monitor service other than commands (pool ops, pool statistics, statfs), by tid:
     * answered by one message of {@code reply}'s type with the same tid, re-sent on a new session as
     * the Objecter re-sends its pool ops and stat requests ({@code Objecter::_resend_mon_ops}).
     */
    private final Map<Long, PendingRequest<?>> requests = new ConcurrentHashMap<>();

    private record PendingRequest<R extends CephMessage>(CephMessage request, Class<R> reply, int replyType, CompletableFuture<R> result) {
        void complete(MessageCodecs codecs, RawMessage m, long features) throws ProtocolException {
            result.complete(codecs.decode(m, features, reply));
        }
    }

    private record PendingCommand(MMonCommand command, CompletableFuture<MonCommandResult> result) {
    }
    private final Map<String, String> config = new ConcurrentHashMap<>();
    /** Subscriptions beyond monmap and config ({@link #subscribe}), renewed on every new session. */
    private final Map<String, MMonSubscribe.Item> extraSubscriptions = new ConcurrentHashMap<>();
    private volatile CompletableFuture<MonMap> monMapFuture = new CompletableFuture<>();
    private volatile MonMap monMap;
    private volatile Connection session;
    private final List<io.inkwire.api.auth.AuthProvider> authProviders;
    private final java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean renewalInFlight;
    private volatile long renewalSentAt;
    private volatile AuthClientHandler renewingWith;

    private MonClient(MessengerFactory factory, MessengerConfig base, List<EntityAddrVec> mons, Duration mountTimeout) {
        this.codecs = base.codecs();
        this.options = base.options();
        this.authProviders = base.authProviders();
        this.initialMons = List.copyOf(mons);
        this.mountTimeout = mountTimeout;
        this.userDispatcher = base.dispatcher();
        this.messenger = factory.create(base.toBuilder().dispatcher(new MonDispatcher()).build());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkwire-monclient-tick");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to one of {@code mons} and waits for the monmap, for at most {@code mountTimeout}
     * ({@code client_mount_timeout}).
     *
     * @throws AuthException     the monitor refused our credentials (not retried)
     * @throws TimeoutException  no monitor answered in time
     */
    public static MonClient connect(MessengerFactory factory, MessengerConfig config, List<EntityAddrVec> mons, Duration mountTimeout)
            throws IOException, TimeoutException, InterruptedException {
        if (mons.isEmpty()) {
            throw new IllegalArgumentException("no monitors to connect to: set mon_host (-m) or a ceph.conf with mon_host");
        }
        MonClient c = new MonClient(factory, config, mons, mountTimeout);
        try {
            c.hunt();
            return c;
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void hunt() throws IOException, TimeoutException, InterruptedException {
        hunting = true;
        try {
            huntUntil(System.nanoTime() + mountTimeout.toNanos());
        } finally {
            hunting = false;
        }
    }

    private void huntUntil(long deadline) throws IOException, TimeoutException, InterruptedException {
        double backoff = options.getSeconds("mon_client_hunt_interval", 3);
        Throwable last = null;
        int round = 0;
        List<EntityAddrVec> candidates = initialMons;
        boolean moved = false;
        hunt:
        while (System.nanoTime() < deadline) {
            for (EntityAddrVec mon : candidates) {
                List<EntityAddr> addrs = connectOrder(mon);
                if (addrs.isEmpty()) {
                    last = new ProtocolException("monitor " + mon + " has no address this client may use (ms_bind_msgr2="
                            + options.getBoolean("ms_bind_msgr2", true) + ", ms_bind_msgr1=" + options.getBoolean("ms_bind_msgr1", true) + ")");
                    continue;
                }
                for (EntityAddr addr : addrs) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break hunt;
                    }
                    try {
                        monMapFuture = new CompletableFuture<>();
                        Connection c = messenger.connect(addr, EntityType.MON).toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
                        openSession(c);
                        monMap = monMapFuture.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        Optional<EntityAddr> v2 = moved ? Optional.empty() : betterAddress(c, monMap);
                        if (v2.isPresent()) {
                            // once: if the v2 address fails, the session falls back to msgr1 and stays there
                            LOG.log(System.Logger.Level.DEBUG, () -> "monitor at " + addr + " has v2 address " + v2.get() + ": reconnecting");
                            session = null;
                            c.close();
                            candidates = huntList();
                            moved = true;
                            continue hunt;
                        }
                        scheduleTicks();
                        return;
                    } catch (ExecutionException e) {
                        last = e.getCause();
                        if (last instanceof AuthException) {
                            throw (AuthException) last;
                        }
                        LOG.log(System.Logger.Level.DEBUG, () -> "monitor " + addr + " failed: " + e.getCause());
                    } catch (TimeoutException e) {
                        last = e;
                        break hunt;
                    }
                }
            }
            round++;
            long sleep = Math.min(deadline - System.nanoTime(), (long) (backoff * 1e9 * Math.min(round, 4) / 4));
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        TimeoutException t = new TimeoutException("no monitor answered within " + mountTimeout.toSeconds() + " s (client_mount_timeout); tried "
                + initialMons + (last != null ? "; last error: " + last.getMessage() : ""));
        if (last != null) {
            t.initCause(last);
        }
        throw t;
    }

    /**
     * A monitor's addresses in the order to try them: v2 (and protocol-less, spoken as v2) first,
     * then v1, leaving out a protocol whose {@code ms_bind_msgr*} option is off.
     */
    private List<EntityAddr> connectOrder(EntityAddrVec mon) {
        return mon.connectOrder(options.getBoolean("ms_bind_msgr2", true), options.getBoolean("ms_bind_msgr1", true));
    }

    /**
     * {@code MonClient::handle_monmap}: a session over msgr1 with a monitor the map lists with a v2
     * address moves there (when this client speaks msgr2, {@code should_use_msgr2}). Returns that
     * address, or empty to stay.
     */
    private Optional<EntityAddr> betterAddress(Connection c, MonMap map) {
        ConnectionInfo i = c.info().orElse(null);
        if (i == null || !"msgr1".equals(i.protocol()) || !options.getBoolean("ms_bind_msgr2", true) || map == null) {
            return Optional.empty();
        }
        EntityAddr at = i.peerAddr();
        for (MonInfo m : map.mons()) {
            boolean thisMon = m.publicAddrs().addrs().stream()
                    .anyMatch(a -> a.type() == at.type() && a.port() == at.port() && java.util.Objects.equals(a.ip(), at.ip()));
            if (thisMon) {
                return m.publicAddrs().msgr2();
            }
        }
        return Optional.empty();
    }

    private void openSession(Connection c) {
        session = c;
        long features = c.info().map(i -> i.features()).orElse(0L);
        // MonClient::_reopen_session: ask for the map, subscribe to monmap and config
        c.send(codecs.encode(new MMonGetMap(), features));
        c.send(codecs.encode(new MMonSubscribe(subscriptions(), hostname()), features));
    }

    /** What this session subscribes to: monmap and config, and what {@link #subscribe} added. */
    private Map<String, MMonSubscribe.Item> subscriptions() {
        Map<String, MMonSubscribe.Item> what = new LinkedHashMap<>();
        what.put("config", new MMonSubscribe.Item(0, 0));
        what.put("monmap", new MMonSubscribe.Item(monMap == null ? 0 : monMap.epoch() + 1, 0));
        what.putAll(extraSubscriptions);
        return what;
    }

    /**
     * Subscribes to a map ({@code MonClient::sub_want} + {@code renew_subs}): the monitor sends
     * {@code what} from epoch {@code start} on (0: the latest), once with
     * {@link MMonSubscribe#CEPH_SUBSCRIBE_ONETIME} in {@code flags}, else as it changes. A new
     * session subscribes again; messages the monitor sends for it go to the configured
     * dispatcher.
     */
    public void subscribe(String what, long start, int flags) {
        extraSubscriptions.put(what, new MMonSubscribe.Item(start, flags));
        Connection c = session;
        if (c != null && c.isOpen()) {
            long features = c.info().map(i -> i.features()).orElse(0L);
            c.send(codecs.encode(new MMonSubscribe(Map.of(what, new MMonSubscribe.Item(start, flags)), hostname()), features));
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    private void scheduleTicks() {
        long pingMillis = (long) (options.getSeconds("mon_client_ping_interval", 10) * 1000);
        timer.scheduleWithFixedDelay(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        // MonClient::tick checks tickets every second (_check_auth_tickets)
        timer.scheduleWithFixedDelay(this::checkTickets, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * KEEPALIVE2 on the session; a session whose monitor has not acknowledged one for
     * {@code mon_client_ping_timeout} is closed, so that the client hunts for another monitor
     * (a frozen monitor keeps its socket open).
     */
    private void ping() {
        Connection c = session;
        if (c == null || !c.isOpen()) {
            return;
        }
        long timeout = (long) (options.getSeconds("mon_client_ping_timeout", 30) * 1e9);
        long now = System.nanoTime();
        if (c != pingedSession) {
            pingedSession = c;
            lastPingAck = now;
        } else if (now - lastPingAck > timeout) {
            LOG.log(System.Logger.Level.INFO, () -> "monitor " + monitorName(c) + " did not acknowledge a keepalive for "
                    + timeout / 1_000_000_000L + " s (mon_client_ping_timeout): hunting");
            c.close();
            return;
        }
        c.keepalive().thenRun(() -> {
            if (pingedSession == c) {
                lastPingAck = System.nanoTime();
            }
        });
    }

    /** Renews tickets over the established session with MAuth, as MonClient::_check_auth_tickets does. */
    private void checkTickets() {
        Connection c = session;
        if (c == null || !c.isOpen()) {
            return;
        }
        if (renewalInFlight && System.nanoTime() - renewalSentAt < TimeUnit.SECONDS.toNanos(30)) {
            return; // an answer is due; ask again if none came
        }
        String methodName = c.info().map(i -> i.authMethod()).orElse("");
        for (io.inkwire.api.auth.AuthProvider p : authProviders) {
            if (!p.name().equals(methodName)) {
                continue;
            }
            messenger.authClientHandler(p.method()).ifPresent(h -> {
                Instant now = Instant.now();
                if (!h.needsRenewal(now)) {
                    return;
                }
                try {
                    byte[] request = h.buildRenewalRequest(now);
                    renewalInFlight = true;
                    renewalSentAt = System.nanoTime();
                    renewingWith = h;
                    long features = c.info().map(i -> i.features()).orElse(0L);
                    c.send(codecs.encode(new MAuth(p.method(), request, monMap.epoch()), features));
                } catch (AuthException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot renew tickets: " + e.getMessage());
                }
            });
        }
    }

    /** How many ticket renewals completed on this session. */
    public int ticketRenewals() {
        return renewals.get();
    }

    /** The current monmap. */
    public MonMap monMap() {
        return monMap;
    }

    public UUID fsid() {
        return monMap.fsid();
    }

    /** Configuration the monitors sent (MConfig), as option → value. */
    public Map<String, String> config() {
        return Map.copyOf(config);
    }

    /** The established monitor session. */
    public Connection session() {
        return session;
    }

    public Messenger messenger() {
        return messenger;
    }

    /**
     * Sends a command ({@code MMonCommand}) and completes with the monitor's answer, whatever its
     * return code; fails if the session closes first.
     *
     * @param json  the command, e.g. {@code {"prefix": "status", "format": "json"}}
     * @param input optional input (e.g. a key for {@code auth import}); may be empty
     */
    public CompletableFuture<MonCommandResult> command(String json, byte[] input) {
        long tid = lastTid.incrementAndGet();
        CompletableFuture<MonCommandResult> f = new CompletableFuture<>();
        if (closing) {
            f.completeExceptionally(new IOException("monitor client closed"));
            return f;
        }
        MMonCommand cmd = new MMonCommand(tid, monMap.fsid(), List.of(json), input == null ? new byte[0] : input);
        commands.put(tid, new PendingCommand(cmd, f));
        f.whenComplete((r, e) -> commands.remove(tid));
        Connection c = session;
        if (c != null && c.isOpen()) {
            // if this session dies first, the command goes again on the next one
            c.send(codecs.encode(cmd, c.info().map(i -> i.features()).orElse(0L)));
        }
        return f;
    }

    /**
     * Sends a request to the monitor and completes with its answer: the message of type
     * {@code replyType} (decoded as {@code reply}) that carries the tid given to {@code build}.
     * Unanswered requests go again on the next session when this one dies; they fail when the
     * client closes. The caller bounds the wait ({@code rados_mon_op_timeout}).
     */
    public <R extends CephMessage> CompletableFuture<R> request(java.util.function.LongFunction<CephMessage> build, int replyType, Class<R> reply) {
        long tid = lastTid.incrementAndGet();
        CompletableFuture<R> f = new CompletableFuture<>();
        if (closing) {
            f.completeExceptionally(new IOException("monitor client closed"));
            return f;
        }
        CephMessage m = build.apply(tid);
        requests.put(tid, new PendingRequest<>(m, reply, replyType, f));
        f.whenComplete((r, e) -> requests.remove(tid));
        Connection c = session;
        if (c != null && c.isOpen()) {
            c.send(codecs.encode(m, c.info().map(i -> i.features()).orElse(0L)));
        }
        return f;
    }

    /** How many times the monitor session was lost and opened again. */
    public int reconnects() {
        return reconnects.get();
    }

    /**
     * The name of the monitor the session is with ({@code a}, {@code b}, … as in the monmap), or
     * empty without a session or when the map does not list its address.
     */
    public Optional<String> monitor() {
        Connection c = session;
        return c == null ? Optional.empty() : Optional.ofNullable(monitorName(c));
    }

    /** The monmap's name for the monitor at the other end of {@code c}, else its address, else null. */
    private String monitorName(Connection c) {
        EntityAddr at = c.info().map(ConnectionInfo::peerAddr).orElse(null);
        if (at == null) {
            return null;
        }
        MonMap m = monMap;
        if (m != null) {
            for (MonInfo i : m.mons()) {
                if (sameEndpoint(i.publicAddrs(), at)) {
                    return i.name();
                }
            }
        }
        return at.toString();
    }

    private static boolean sameEndpoint(EntityAddrVec v, EntityAddr at) {
        return v.addrs().stream().anyMatch(a -> a.port() == at.port() && java.util.Objects.equals(a.ip(), at.ip()));
    }

    /** Runs a command and waits: the result on success, {@link MonCommandException} when the monitor returns an error. */
    public MonCommandResult commandOrThrow(String json, byte[] input, Duration timeout)
            throws MonCommandException, TimeoutException, InterruptedException, IOException {
        try {
            MonCommandResult r = command(json, input).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!r.ok()) {
                throw new MonCommandException(r.r(), r.rs());
            }
            return r;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("the monitor did not answer " + json + " within " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        messenger.close();
        new ArrayList<>(commands.values()).forEach(p -> p.result().completeExceptionally(new IOException("monitor client closed")));
        new ArrayList<>(requests.values()).forEach(p -> p.result().completeExceptionally(new IOException("monitor client closed")));
    }

    /**
     * The lossy monitor session died: hunt again for a new one (a new session, as
     * {@code MonClient::_reopen_session} does) and re-send every unanswered command on it.
     */
    private void reopen() {
        if (closing || reopening) {
            return;
        }
        reopening = true;
        try {
            // MonClient::_reopen_session / _add_conns: each round tries the monmap's monitors in a
            // random order (the one just lost last), each for mon_client_hunt_interval, the interval
            // growing by mon_client_hunt_interval_backoff up to mon_client_hunt_interval_max_multiple
            double interval = options.getSeconds("mon_client_hunt_interval", 3);
            double backoff = Math.max(1, options.getSeconds("mon_client_hunt_interval_backoff", 1.5));
            double maxMultiple = Math.max(1, options.getSeconds("mon_client_hunt_interval_max_multiple", 10));
            double multiple = 1;
            while (!closing) {
                // at least 2 s per attempt: a cephx handshake on a loaded host must not lose to a short interval
                long attempt = (long) (Math.max(2, Math.min(interval * multiple, mountTimeout.toSeconds() > 0 ? mountTimeout.toSeconds() : Double.MAX_VALUE)) * 1e9);
                for (EntityAddr addr : shuffledHuntList().stream().flatMap(mon -> connectOrder(mon).stream()).toList()) {
                    if (closing) {
                        break;
                    }
                    monMapFuture = new CompletableFuture<>();
                    CompletableFuture<Connection> connecting = messenger.connect(addr, EntityType.MON).toCompletableFuture();
                    try {
                        long until = System.nanoTime() + attempt;
                        Connection c = connecting.get(attempt, TimeUnit.NANOSECONDS);
                        openSession(c);
                        monMap = monMapFuture.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                        reconnects.incrementAndGet();
                        String name = monitorName(c);
                        LOG.log(System.Logger.Level.INFO, () -> "monitor session moved to mon." + name + " at " + addr);
                        resendCommands(c);
                        return;
                    } catch (ExecutionException | TimeoutException e) {
                        // a monitor out of quorum accepts the connection but does not answer: give it up
                        connecting.cancel(false);
                        connecting.thenAccept(Connection::close);
                        Connection c = session;
                        if (c != null && c.info().map(i -> addr.equals(i.peerAddr())).orElse(false)) {
                            session = null;
                            c.close();
                        }
                        LOG.log(System.Logger.Level.DEBUG, () -> "monitor " + addr + " failed while reconnecting: " + e);
                    }
                }
                multiple = Math.min(multiple * backoff, maxMultiple);
                TimeUnit.MILLISECONDS.sleep((long) (interval * 250));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reopening = false;
        }
    }

    /** {@link #huntList()} in a random order, with the monitor whose session was lost last at the end. */
    private List<EntityAddrVec> shuffledHuntList() {
        List<EntityAddrVec> list = new ArrayList<>(huntList());
        java.util.Collections.shuffle(list, random);
        EntityAddr lost = lostAt;
        if (lost != null) {
            list.sort(java.util.Comparator.comparing(v -> sameEndpoint(v, lost))); // false (not the lost one) first; stable
        }
        return list;
    }

    /** The monitors of the current map (the one we know best), else those we started from. */
    private List<EntityAddrVec> huntList() {
        MonMap m = monMap;
        if (m == null || m.mons().isEmpty()) {
            return initialMons;
        }
        List<EntityAddrVec> out = new ArrayList<>();
        m.mons().forEach(i -> out.add(i.publicAddrs()));
        return out;
    }

    private void resendCommands(Connection c) {
        long features = c.info().map(i -> i.features()).orElse(0L);
        List<Long> tids = new ArrayList<>(commands.keySet());
        java.util.Collections.sort(tids);
        for (Long tid : tids) {
            PendingCommand p = commands.get(tid);
            if (p != null && !p.result().isDone()) {
                c.send(codecs.encode(p.command(), features));
            }
        }
        List<Long> requestTids = new ArrayList<>(requests.keySet());
        java.util.Collections.sort(requestTids);
        for (Long tid : requestTids) {
            PendingRequest<?> p = requests.get(tid);
            if (p != null && !p.result().isDone()) {
                c.send(codecs.encode(p.request(), features));
            }
        }
    }

    private void handleAuthReply(MAuthReply reply) {
        AuthClientHandler h = renewingWith;
        renewalInFlight = false;
        if (h == null) {
            return;
        }
        try {
            h.handleRenewalReply(reply.result(), reply.resultBl(), Instant.now());
            renewals.incrementAndGet();
        } catch (AuthException e) {
            LOG.log(System.Logger.Level.WARNING, "ticket renewal refused by the monitor: " + e.getMessage());
        }
    }

    /** Routes what the monitor sends. */
    private final class MonDispatcher implements Dispatcher {

        @Override
        public void onMessage(Connection connection, RawMessage message) {
            PendingRequest<?> request = requests.get(message.tid());
            if (request != null && request.replyType() == message.type()) {
                try {
                    request.complete(codecs, message, connection.info().map(i -> i.features()).orElse(0L));
                } catch (ProtocolException e) {
                    request.result().completeExceptionally(e);
                }
                return;
            }
            if (!MONITOR_TYPES.contains(message.type())) {
                userDispatcher.onMessage(connection, message); // an OSD's reply or a map: not ours to decode
                return;
            }
            long features = connection.info().map(i -> i.features()).orElse(0L);
            try {
                CephMessage m = codecs.decode(message, features).orElse(null);
                if (m instanceof MMonMap mm) {
                    monMap = mm.monMap();
                    if (connection == session) {
                        monMapFuture.complete(monMap);
                    }
                    if (!hunting && !reopening && connection == session) {
                        Optional<EntityAddr> v2 = betterAddress(connection, monMap);
                        if (v2.isPresent()) {
                            // handle_monmap → _reopen_session: closing the session makes onClosed hunt again, v2 first
                            LOG.log(System.Logger.Level.DEBUG, () -> "monitor has v2 address " + v2.get() + ": leaving the msgr1 session");
                            connection.close();
                        }
                    }
                } else if (m instanceof MMonCommandAck ack) {
                    PendingCommand p = commands.get(message.tid());
                    if (p != null) {
                        p.result().complete(new MonCommandResult(ack.r(), ack.rs(), ack.output()));
                    }
                } else if (m instanceof MAuthReply reply) {
                    handleAuthReply(reply);
                } else if (m instanceof MConfig cfg) {
                    config.clear();
                    config.putAll(cfg.config());
                } else {
                    userDispatcher.onMessage(connection, message);
                }
            } catch (ProtocolException e) {
                LOG.log(System.Logger.Level.WARNING, "undecodable message from the monitor: " + e.getMessage());
                connection.close();
            }
        }

        @Override
        public void onReady(Connection connection) {
            userDispatcher.onReady(connection);
        }

        @Override
        public void onClosed(Connection connection, Throwable cause) {
            userDispatcher.onClosed(connection, cause);
            if (connection == session) {
                lostAt = connection.info().map(ConnectionInfo::peerAddr).orElse(null);
                IOException e = new IOException("monitor session closed" + (cause != null ? ": " + cause.getMessage() : ""), cause);
                monMapFuture.completeExceptionally(e);
                session = null;
                if (monMap != null && !closing) {
                    // a session we had: commands stay pending and go again on the next session
                    LOG.log(System.Logger.Level.DEBUG, () -> "monitor session lost (" + e.getMessage() + "); hunting for a new one");
                    timer.execute(MonClient.this::reopen);
                }
            }
        }
    }
}

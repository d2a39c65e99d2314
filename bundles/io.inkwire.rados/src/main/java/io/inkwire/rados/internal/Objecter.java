package io.inkwire.rados.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Errno;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.mon.MPing;
import io.inkwire.codec.osd.MGetPoolStats;
import io.inkwire.codec.osd.MGetPoolStatsReply;
import io.inkwire.codec.osd.MOSDBackoff;
import io.inkwire.codec.osd.MOSDMap;
import io.inkwire.codec.osd.MOSDOp;
import io.inkwire.codec.osd.MOSDOpReply;
import io.inkwire.codec.osd.MStatfs;
import io.inkwire.codec.osd.MStatfsReply;
import io.inkwire.codec.osd.MWatchNotify;
import io.inkwire.codec.osd.ObjectLocator;
import io.inkwire.codec.osd.OsdFlags;
import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.PoolStat;
import io.inkwire.codec.osd.RequestRedirect;
import io.inkwire.codec.osd.SpgId;
import io.inkwire.codec.osd.UTime;
import io.inkwire.monclient.MonClient;
import io.inkwire.rados.ClusterUsage;
import io.inkwire.rados.CompoundOp;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.ObjecterCounters;
import io.inkwire.rados.OperationResult;
import io.inkwire.rados.PoolInfo;
import io.inkwire.rados.PoolUsage;
import io.inkwire.rados.RadosClient;
import io.inkwire.rados.RadosException;
import io.inkwire.rados.placement.ObjectPlacement;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request engine, as Ceph's {@code Objecter} ({@code src/osdc/Objecter.cc}) and the kernel's
 * {@code net/ceph/osd_client.c} keep it: ops get a tid, are aimed by placement over the current
 * OSDMap ({@link Target}), travel on one lossy session per OSD opened on demand, and are sent
 * again (same tid, {@code retry_attempt}+1, RETRY flag: the OSD's duplicate detection applies a
 * write once) when a new map moves their PG to a new interval or another OSD, when the pool's
 * {@code last_force_op_resend} passes them, and when their session resets. Ops wait while the map
 * pauses them (PAUSERD, PAUSEWR, FULL, a full pool) and resume when it no longer does; an op whose
 * pool is gone completes with ENOENT. The codecs know nothing of this, and this class nothing of
 * encodings: placement and maps come through {@link MapView}.
 *
 * <p>One lock guards the engine's state; callers' stages are completed after it is released.
 */
public final class Objecter implements RadosClient, Dispatcher {

    private static final System.Logger LOG = System.getLogger(Objecter.class.getName());
    /** {@code CEPH_SUBSCRIBE_ONETIME} is not used: a continuous subscription keeps every new map coming. */
    private static final String OSDMAP = "osdmap";

    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Tries of {@link #lockSpinning} before it parks: about 4 µs here (a try and a {@code PAUSE}
     * are ~28 ns on this EPYC), what a submit holds the lock for (it places, encodes and queues
     * one MOSDOp under it: ~4 µs a 4 KiB read, by the profile of a rand run).
     */
    private static final int LOCK_SPINS = 150;
    private final Map<Long, Op> ops = new ConcurrentHashMap<>();
    private final Map<Integer, OsdSession> sessions = new TreeMap<>();
    /** Ops with no session: paused, no primary, or waiting for a map that has their pool. */
    private final Map<Long, Op> homeless = new TreeMap<>();
    private final ArrayDeque<Runnable> throttled = new ArrayDeque<>();
    private final AtomicLong lastTid = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final MOSDOp.Codec opCodec = new MOSDOp.Codec();
    private final MOSDOpReply.Codec replyCodec = new MOSDOpReply.Codec();
    private final MOSDMap.Codec mapCodec = new MOSDMap.Codec();
    private final MOSDBackoff.Codec backoffCodec = new MOSDBackoff.Codec();
    private final MPing.Codec pingCodec = new MPing.Codec();
    private final Counters counters = new Counters();
    /** Watches and notifies (linger ops), kept alive across resets and map changes. */
    private final LingerOps lingers;
    private final CompletableFuture<Void> firstMap = new CompletableFuture<>();
    private final List<MapWaiter> mapWaiters = new ArrayList<>();

    private final long osdOpTimeoutNanos;
    private final long monOpTimeoutNanos;
    private final long idleNanos;
    /** How long a session may stay connecting before the tick gives it up ({@code ms_connection_ready_timeout}, and a second). */
    private final long connectGiveUpNanos;
    /** {@code objecter_timeout}: an op sent longer ago than this is laggy, and its OSD gets an MPing. */
    private final long laggyNanos;
    private final boolean msgr2;
    private final boolean msgr1;
    private final int maxInflightOps;
    private final long maxInflightBytes;
    private int inflightOps;
    private long inflightBytes;

    private volatile MapView map;
    private volatile MonClient mon;
    private volatile boolean closed;

    private record MapWaiter(long epoch, CompletableFuture<Long> future) {
    }

    private Objecter(CephConfig options) {
        this.osdOpTimeoutNanos = seconds(options.getSeconds("rados_osd_op_timeout", 0));
        this.monOpTimeoutNanos = seconds(options.getSeconds("rados_mon_op_timeout", 0));
        this.idleNanos = seconds(options.getSeconds("ms_connection_idle_timeout", 900));
        this.connectGiveUpNanos = seconds(Math.max(1, options.getSeconds("ms_connection_ready_timeout", 10)) + 1);
        this.laggyNanos = seconds(options.getSeconds("objecter_timeout", 10));
        this.msgr2 = options.getBoolean("ms_bind_msgr2", true);
        this.msgr1 = options.getBoolean("ms_bind_msgr1", true);
        this.maxInflightOps = (int) Math.max(1, options.getLong("objecter_inflight_ops", 1024));
        this.maxInflightBytes = Math.max(1, options.getLong("objecter_inflight_op_bytes", 100L << 20));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkwire-objecter-tick");
            t.setDaemon(true);
            return t;
        });
        this.lingers = new LingerOps(this, lock, options);
    }

    private static long seconds(double s) {
        return s <= 0 ? 0 : (long) (s * 1e9);
    }

    /** See {@link io.inkwire.rados.Rados#connect}. */
    public static RadosClient connect(MessengerFactory transport, MessengerConfig config, List<EntityAddrVec> mons, Duration mountTimeout)
            throws IOException, TimeoutException, InterruptedException {
        Objecter o = new Objecter(config.options());
        MonClient mc = MonClient.connect(transport, config.toBuilder().dispatcher(new Forwarding(o, config.dispatcher())).build(),
                mons, mountTimeout);
        try {
            o.start(mc, mountTimeout);
            if (config.options().getBoolean("inkwire_jmx", true)) {
                RadosClientMBeans.register(o, config.name()); // io.inkwire:type=RadosClient,name=<entity>,id=<global id>
            }
            return o;
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    private void start(MonClient mc, Duration mountTimeout) throws IOException, TimeoutException, InterruptedException {
        this.mon = mc;
        mc.subscribe(OSDMAP, 0, 0);
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        try {
            firstMap.get(mountTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("no OSDMap: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("no OSDMap from the monitor within " + mountTimeout.toSeconds() + " s");
        }
    }

    // ------------------------------------------------------------------ RadosClient

    @Override
    public IoCtx ioCtx(String pool) throws RadosException {
        MapView.Pool p = map.pool(pool).orElseThrow(() -> new RadosException(2, pool, null, null, "pool " + pool));
        return new IoCtxImpl(this, p.id(), p.name(), "", "");
    }

    @Override
    public List<PoolInfo> pools() {
        return map.pools();
    }

    @Override
    public CompletionStage<Void> createPool(String name, int pgNum) {
        String cmd = "{\"prefix\": \"osd pool create\", \"pool\": " + quote(name) + ", \"pg_num\": " + pgNum + "}";
        return monCommand(cmd).thenCompose(v -> waitForPool(name, true));
    }

    @Override
    public CompletionStage<Void> deletePool(String name) {
        String cmd = "{\"prefix\": \"osd pool delete\", \"pool\": " + quote(name) + ", \"pool2\": " + quote(name)
                + ", \"yes_i_really_really_mean_it\": true}";
        return monCommand(cmd).thenCompose(v -> waitForPool(name, false));
    }

    private CompletionStage<Void> monCommand(String json) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        mon.command(json, new byte[0]).whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(new RadosException(5, null, null, null, e.getMessage()));
            } else if (r.r() < 0) {
                done.completeExceptionally(new RadosException(r.r(), null, null, null, r.rs()));
            } else {
                done.complete(null);
            }
        });
        if (monOpTimeoutNanos > 0) {
            timer.schedule(() -> done.completeExceptionally(new RadosException(110, null, null, null, "monitor command")),
                    monOpTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        return done;
    }

    @Override
    public CompletionStage<SortedMap<String, PoolUsage>> poolStats(Collection<String> pools) {
        List<String> names = List.copyOf(pools);
        CompletableFuture<MGetPoolStatsReply> reply = mon.request(tid -> new MGetPoolStats(tid, mon.fsid(), names),
                MGetPoolStatsReply.MSG_GETPOOLSTATSREPLY, MGetPoolStatsReply.class);
        return monOp(reply, null, "pool statistics").thenApply(r -> {
            SortedMap<String, PoolUsage> out = new TreeMap<>();
            r.stats().forEach((name, st) -> out.put(name, usage(st, r.perPool())));
            return out;
        });
    }

    /** As librados's {@code Rados::get_pool_stats} turns a {@code pool_stat_t} into {@code rados_pool_stat_t}. */
    private static PoolUsage usage(PoolStat s, boolean perPool) {
        long allocated = s.allocatedBytes(perPool);
        PoolStat.StoreStatfs store = s.storeStats();
        return new PoolUsage(allocated, (allocated + 1023) >>> 10, s.numObjects(), s.numObjectClones(), s.numObjectCopies(),
                s.numObjectsMissingOnPrimary(), s.numObjectsUnfound(), s.numObjectsDegraded(), s.numRd(), s.numRdKb(), s.numWr(),
                s.numWrKb(), store.dataCompressedOriginal(), store.dataCompressed(), store.dataCompressedAllocated());
    }

    @Override
    public CompletionStage<ClusterUsage> clusterStat() {
        CompletableFuture<MStatfsReply> reply = mon.request(tid -> new MStatfs(tid, mon.fsid(), OptionalLong.empty()),
                MStatfsReply.CEPH_MSG_STATFS_REPLY, MStatfsReply.class);
        return monOp(reply, null, "cluster statistics").thenApply(r -> new ClusterUsage(r.kb(), r.kbUsed(), r.kbAvail(), r.numObjects()));
    }

    /** A monitor request bounded by {@code rados_mon_op_timeout} (0: wait, as Ceph), its failures as RadosException naming {@code pool}. */
    <R> CompletableFuture<R> monOp(CompletableFuture<R> request, String pool, String what) {
        CompletableFuture<R> done = new CompletableFuture<>();
        request.whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(new RadosException(5, pool, null, null, what + ": " + e.getMessage()));
            } else {
                done.complete(r);
            }
        });
        if (monOpTimeoutNanos > 0) {
            timer.schedule(() -> {
                if (done.completeExceptionally(new RadosException(110, pool, null, null, what))) {
                    request.cancel(false); // forgotten by the monitor client, not re-sent
                }
            }, monOpTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        return done;
    }

    /** Ceph's librados waits for the map that shows a pool change ({@code wait_for_latest_osdmap}). */
    private CompletionStage<Void> waitForPool(String name, boolean present) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Runnable check = new Runnable() {
            @Override
            public void run() {
                if (map.pool(name).isPresent() == present) {
                    f.complete(null);
                } else if (!f.isDone() && !closed) {
                    waitForMap(map.epoch() + 1).whenComplete((e, t) -> this.run());
                }
            }
        };
        check.run();
        return f;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public ObjectPlacement locate(String pool, String namespace, String locator, String object) throws RadosException {
        MapView m = map;
        MapView.Pool p = m.pool(pool).orElseThrow(() -> new RadosException(2, pool, null, null, "pool " + pool));
        MapView.Placed placed = m.place(p, namespace, locator, object);
        return new ObjectPlacement(m.epoch(), p.id(), placed.rawHash(), placed.seed(), placed.up(), placed.upPrimary(),
                placed.acting(), placed.actingPrimary());
    }

    @Override
    public long osdMapEpoch() {
        MapView m = map;
        return m == null ? 0 : m.epoch();
    }

    @Override
    public CompletionStage<Long> waitForMap(long epoch) {
        lock.lock();
        try {
            if (map != null && map.epoch() >= epoch) {
                return CompletableFuture.completedFuture(map.epoch());
            }
            CompletableFuture<Long> f = new CompletableFuture<>();
            mapWaiters.add(new MapWaiter(epoch, f));
            return f;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ObjecterCounters counters() {
        return counters;
    }

    @Override
    public MonClient monClient() {
        return mon;
    }

    @Override
    public void close() {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            RadosClientMBeans.unregister(this);
            lingers.shutdown(done);
            for (Op op : List.copyOf(ops.values())) {
                done.add(finish(op, null, new RadosException(108, op.poolName, op.nspace, op.oid, "client shut down")));
            }
            for (MapWaiter w : mapWaiters) {
                done.add(() -> w.future().completeExceptionally(new RadosException(108, null, null, null, "client shut down")));
            }
            mapWaiters.clear();
            for (OsdSession s : sessions.values()) {
                if (s.connection != null) {
                    s.connection.close();
                }
            }
            sessions.clear();
        } finally {
            lock.unlock();
        }
        done.forEach(Runnable::run);
        timer.shutdownNow();
        if (mon != null) {
            mon.close();
        }
    }

    /** The pool's pg_num in the current map, −1 when it is gone. */
    int pgNum(long poolId) {
        return map.pool(poolId).map(MapView.Pool::pgNum).orElse(-1);
    }

    // ------------------------------------------------------------------ submitting

    /** The linger ops (watch/notify) of this client. */
    LingerOps lingers() {
        return lingers;
    }

    /** The map in use. */
    MapView mapView() {
        return map;
    }

    /** Queues an op on one object (or a PG, for {@code pgSeed >= 0}); the stage completes with its result. */
    CompletableFuture<OperationResult> submit(long poolId, String poolName, String nspace, String key, String oid,
                                              CompoundOp compound, boolean write, int pgSeed) {
        return submit(poolId, poolName, nspace, key, oid, compound, write, pgSeed, true);
    }

    /** {@link #submit}; {@code resend} false for a linger's op, never sent twice ({@link Op#resend}). */
    CompletableFuture<OperationResult> submit(long poolId, String poolName, String nspace, String key, String oid,
                                              CompoundOp compound, boolean write, int pgSeed, boolean resend) {
        return submit(poolId, poolName, nspace, key, oid, compound, write, pgSeed, resend, io.inkwire.codec.osd.HObject.NOSNAP, null);
    }

    /** {@link #submit}, read at snapshot {@code snapId} and written under {@code snapc} (null: none). */
    CompletableFuture<OperationResult> submit(long poolId, String poolName, String nspace, String key, String oid,
                                              CompoundOp compound, boolean write, int pgSeed, boolean resend, long snapId,
                                              io.inkwire.rados.SnapContext snapc) {
        if (compound.size() == 0) {
            return CompletableFuture.failedFuture(new RadosException(22, poolName, nspace, oid, "an operation with no ops"));
        }
        int flags = compound.flags() | (write ? OsdFlags.CEPH_OSD_FLAG_WRITE | OsdFlags.CEPH_OSD_FLAG_ONDISK
                : OsdFlags.CEPH_OSD_FLAG_READ) | OsdFlags.CEPH_OSD_FLAG_KNOWN_REDIR;
        if (pgSeed >= 0) {
            flags |= OsdFlags.CEPH_OSD_FLAG_PGOP;
        }
        Op op = new Op(lastTid.incrementAndGet(), poolId, poolName, nspace, key, oid, compound, write, flags, pgSeed,
                osdMapEpoch());
        op.resend = resend;
        op.snapId = snapId;
        op.snapc = snapc;
        op.result.whenComplete((r, e) -> {
            if (op.result.isCancelled()) {
                cancel(op);
            }
        });
        lockSpinning();
        try {
            if (closed) {
                op.result.completeExceptionally(new RadosException(108, poolName, nspace, oid, "client shut down"));
                return op.result;
            }
            if (inflightOps < maxInflightOps && (inflightBytes + op.inputBytes <= maxInflightBytes || inflightOps == 0)) {
                admit(op);
            } else {
                // objecter_inflight_ops / _op_bytes: wait for room, without blocking the caller's thread
                throttled.add(() -> admit(op));
            }
        } finally {
            lock.unlock();
        }
        return op.result;
    }

    /** Takes the throttle's budget and sends. Under the lock. */
    private void admit(Op op) {
        inflightOps++;
        inflightBytes += op.inputBytes;
        ops.put(op.tid, op);
        counters.opsInFlight.incrementAndGet();
        if (osdOpTimeoutNanos > 0) {
            op.timeout = timer.schedule(() -> expire(op), osdOpTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        retarget(op, true);
    }

    private void expire(Op op) {
        Runnable done;
        lock.lock();
        try {
            if (!ops.containsKey(op.tid)) {
                return;
            }
            done = finish(op, null, new RadosException(110, op.poolName, op.nspace, op.oid, null));
        } finally {
            lock.unlock();
        }
        done.run();
    }

    private void cancel(Op op) {
        lock.lock();
        try {
            if (ops.containsKey(op.tid)) {
                finish(op, null, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Aims the op at the current map and sends it if its target changed (or {@code force}), else
     * leaves it where it is. Under the lock. Returns what to complete after the lock, if the op ended.
     */
    private Runnable retarget(Op op, boolean force) {
        return retarget(op, force, false);
    }

    /**
     * {@link #retarget(Op, boolean)}; {@code redirected} for an op an OSD redirected, which goes again
     * even when it is a linger's (Ceph resubmits the op itself, {@code should_resend} is not asked).
     */
    private Runnable retarget(Op op, boolean force, boolean redirected) {
        MapView m = map;
        Optional<MapView.Pool> pool = m.pool(op.poolId);
        if (pool.isEmpty()) {
            if (m.epoch() > op.submittedEpoch || op.target != null) {
                // the pool is gone in a map newer than the one the op was made with
                return finish(op, null, new RadosException(2, op.poolName, op.nspace, op.oid, null));
            }
            park(op, "pool " + op.poolName + " is not in map e" + m.epoch());
            return null;
        }
        MapView.Pool base = pool.get();
        // cache tiering: the overlay's tier, or where a redirect sent the op (Tiering)
        Tiering.Aim aim = op.aim(Tiering.overlay(base, op.flags));
        Optional<MapView.Pool> tier = aim.pool() == base.id() ? pool : m.pool(aim.pool());
        if (tier.isEmpty()) {
            // the tier (or the redirect's pool) is not in the map: RECALC_OP_TARGET_POOL_DNE, as for the base pool
            if (m.epoch() > op.submittedEpoch || op.target != null) {
                return finish(op, null, new RadosException(2, op.poolName, op.nspace, op.oid, "pool " + aim.pool()));
            }
            park(op, "tier pool " + aim.pool() + " is not in map e" + m.epoch());
            return null;
        }
        MapView.Pool p = tier.get();
        boolean pause = op.write ? m.pauseWrites() || ((m.full() || p.full())
                && (op.flags & (OsdFlags.CEPH_OSD_FLAG_FULL_TRY | OsdFlags.CEPH_OSD_FLAG_FULL_FORCE)) == 0)
                : m.pauseReads();
        MapView.Placed placed = op.pgSeed >= 0 ? m.placePg(p, op.pgSeed) : m.place(p, aim.nspace(), aim.key(), aim.oid());
        Target next = Target.of(m, p, placed);
        int osd = next.osd();
        boolean forced = op.target != null && base.lastForceOpResend() > op.target.epoch();
        boolean moved = op.target == null || op.target.needsResendAt(next);
        if (pause) {
            op.target = next;
            op.paused = true;
            park(op, (m.pauseWrites() && op.write ? "writes paused (pausewr)" : m.pauseReads() && !op.write ? "reads paused (pauserd)"
                    : (m.full() ? "the cluster" : "pool " + p.name()) + " is full: writes wait for space") + ", map e" + m.epoch());
            return null;
        }
        if (!force && !forced && !moved && !op.paused && op.session != null) {
            return null; // same interval, same OSD: the op stays where it was sent, and so does its target
        }
        if (!op.resend && op.attempts >= 0 && !redirected) {
            finish(op, null, null); // Objecter::_cancel_linger_op: dropped, its linger sends a new one
            lingers.dropped(op.result);
            return null;
        }
        op.paused = false;
        op.target = next;
        Optional<EntityAddrVec> addrs = osd < 0 ? Optional.empty() : m.upAddrs(osd);
        if (addrs.isEmpty()) {
            park(op, "pg " + next.poolId() + "." + Integer.toHexString(next.seed()) + (osd < 0 ? " has no primary" : "'s primary osd." + osd + " is not up")
                    + " in map e" + m.epoch()); // the next map will tell where it goes
            return null;
        }
        OsdSession s = session(osd, addrs.get());
        if (s == null) {
            park(op, "osd." + osd + " has no address to connect to");
            return null;
        }
        move(op, s);
        if (s.connection != null) {
            send(op, s);
        }
        return null;
    }

    /** Takes the op off its session into the homeless ones, the tick's to try again; {@code why} is said if it waits long. */
    private void park(Op op, String why) {
        if (op.heldBecause == null) {
            op.heldSinceNanos = System.nanoTime();
            op.laggy = false;
        }
        op.heldBecause = why;
        if (op.session != null) {
            op.session.ops.remove(op.tid);
            op.session = null;
        }
        homeless.put(op.tid, op);
    }

    private void move(Op op, OsdSession s) {
        if (op.session != null && op.session != s) {
            op.session.ops.remove(op.tid);
        }
        homeless.remove(op.tid);
        op.heldBecause = null;
        op.session = s;
        s.ops.put(op.tid, op);
    }

    /** The session to an OSD, opened if there is none (or the OSD moved to other addresses). Under the lock. */
    private OsdSession session(int osd, EntityAddrVec addrs) {
        List<EntityAddr> order = addrs.connectOrder(msgr2, msgr1);
        if (order.isEmpty()) {
            return null;
        }
        EntityAddr addr = order.get(0);
        OsdSession s = sessions.get(osd);
        if (s != null && !s.addr.equals(addr)) {
            // the OSD restarted at another address: its old session is useless
            closeSession(s);
            s = null;
        }
        if (s == null) {
            OsdSession fresh = new OsdSession(osd, addr);
            sessions.put(osd, fresh);
            fresh.connecting = true;
            fresh.connectStartedNanos = System.nanoTime();
            mon.messenger().connect(addr, EntityType.OSD).whenComplete((c, e) -> connected(fresh, c, e));
            s = fresh;
        }
        s.lastUsedNanos = System.nanoTime();
        return s;
    }

    private void connected(OsdSession s, Connection c, Throwable e) {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            s.connecting = false;
            if (sessions.get(s.osd) != s || closed) {
                if (c != null) {
                    c.close();
                }
                return;
            }
            if (e != null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot reach " + s + ": " + e.getMessage());
                sessions.remove(s.osd);
                for (Op op : List.copyOf(s.ops.values())) {
                    park(op, "cannot reach " + s + ": " + e.getMessage()); // the tick tries again; a new map may move them elsewhere
                }
                return;
            }
            s.connection = c;
            counters.sessions.incrementAndGet();
            for (Op op : List.copyOf(s.ops.values())) {
                send(op, s);
            }
        } catch (RuntimeException failed) {
            // this runs as a future's callback, which would swallow the failure silently: say it; the tick sends what is left
            LOG.log(System.Logger.Level.WARNING, "sending the ops waiting for " + s + " failed", failed);
        } finally {
            lock.unlock();
        }
        done.forEach(Runnable::run);
    }

    /**
     * Takes {@link #lock}, spinning briefly before parking. A submit (the caller's thread) and a
     * reply (the I/O thread) hold it for a few µs each; parking one of them for that long costs a
     * futex wait and a wake-up, the releasing side's included: in a 4 KiB rand read run those were
     * 6 % of the bench's thread and 3.5 % of the I/O thread's samples. Ceph's Objecter takes its
     * rwlock shared on both paths, so they never wait on each other (src/osdc/Objecter.cc).
     */
    private void lockSpinning() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** Encodes and sends the op on its session's connection. Under the lock. */
    private void send(Op op, OsdSession s) {
        if (s.blockedPgs.contains(OsdSession.pgKey(op.target.poolId(), op.target.seed()))) {
            return; // MOSDBackoff: held until UNBLOCK
        }
        op.attempts++;
        if (op.attempts > 0) {
            counters.opsResent.incrementAndGet();
        }
        counters.opsSent.incrementAndGet();
        op.sentNanos = System.nanoTime();
        op.laggy = false;
        Target t = op.target;
        long features = s.connection.info().map(i -> i.features()).orElse(0L);
        SpgId pgid = new SpgId(new PgId(t.poolId(), t.seed()), t.shard());
        Tiering.Aim aim = op.aim(t.poolId()); // the target's locator and object (MOSDOp carries target_oloc/target_oid)
        MOSDOp m = (op.pgSeed >= 0
                ? MOSDOp.forPg(op.tid, pgid, t.epoch(), op.flags, op.nspace, op.ops, features)
                : MOSDOp.of(op.tid, pgid, t.rawHash(), t.epoch(), op.flags, op.write ? UTime.of(Instant.now()) : UTime.ZERO,
                        new ObjectLocator(aim.pool(), aim.key(), aim.nspace(), -1), aim.oid(), op.ops, features))
                .withRetryAttempt(op.attempts);
        if (op.snapId != io.inkwire.codec.osd.HObject.NOSNAP || op.snapc != null) {
            m = m.withSnaps(op.snapId, op.snapc == null ? 0 : op.snapc.seq(), op.snapc == null ? List.of() : op.snapc.snaps());
        }
        s.lastUsedNanos = System.nanoTime();
        s.connection.send(opCodec.encode(m, m.features()));
    }

    // ------------------------------------------------------------------ replies and maps

    @Override
    public void onMessage(Connection connection, RawMessage message) {
        try {
            switch (message.type()) {
                case MOSDOpReply.CEPH_MSG_OSD_OPREPLY -> handleReply(connection, message, replyCodec.decode(message, features(connection)));
                case MOSDMap.CEPH_MSG_OSD_MAP -> handleMap(mapCodec.decode(message, features(connection)));
                case MOSDBackoff.CEPH_MSG_OSD_BACKOFF -> handleBackoff(connection, backoffCodec.decode(message, features(connection)));
                case MWatchNotify.CEPH_MSG_WATCH_NOTIFY -> lingers.handle(message, features(connection));
                default -> LOG.log(System.Logger.Level.DEBUG, () -> "ignored " + message + " from " + connection);
            }
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "undecodable message from " + connection + ": " + e.getMessage());
            connection.close();
        }
    }

    private static long features(Connection c) {
        return c.info().map(i -> i.features()).orElse(0L);
    }

    /**
     * The reply's outputs are views of {@code message}'s receive buffer, which the messenger takes
     * back when this returns. Results that keep a view (a plain read's ByteBuffer, xattr and omap
     * values) retain it and leave it to the garbage collector; results that copied what they keep
     * (a read into the caller's buffer, stat) let it go back to the pool at once; a leased read
     * ({@link io.inkwire.rados.LeasedBytes}) retains it until the caller closes the lease.
     */
    private void handleReply(Connection connection, RawMessage message, MOSDOpReply reply) {
        counters.replies.incrementAndGet();
        Runnable done = null;
        lockSpinning();
        try {
            Op op = ops.get(reply.tid());
            if (op == null || op.session == null || op.session.connection != connection) {
                return; // answered already, cancelled, or an answer from a session we left
            }
            if (reply.retryAttempt() >= 0 && reply.retryAttempt() != op.attempts) {
                return; // the answer to an earlier attempt; the latest one is on its way
            }
            if (reply.redirect().isPresent()) {
                done = redirect(op, reply.redirect().get());
                return;
            }
            int r = reply.result();
            if (r == -11 && (op.flags & (OsdFlags.CEPH_OSD_FLAG_BALANCE_READS | OsdFlags.CEPH_OSD_FLAG_LOCALIZE_READS)) != 0) {
                // a replica cannot serve this read: go to the primary (Objecter::handle_osd_op_reply, EAGAIN)
                op.flags &= ~(OsdFlags.CEPH_OSD_FLAG_BALANCE_READS | OsdFlags.CEPH_OSD_FLAG_LOCALIZE_READS);
                done = retarget(op, true);
                return;
            }
            if (message.dataLength() > 0 && op.compound.viewsReply()) {
                message.retain(); // never released: the caller's results hold views of it
            }
            op.compound.complete(reply.ops(), message);
            done = r < 0 ? finish(op, null, new RadosException(r, op.poolName, op.nspace, op.oid, null))
                    : finish(op, new OperationResult(r, reply.userVersion()), null);
        } finally {
            lock.unlock();
            if (done != null) {
                done.run();
            }
        }
    }

    /**
     * A cache tier's redirect ({@code Objecter::handle_osd_op_reply}): the op goes again, same tid and
     * reqid, to the locator and object the OSD names, with REDIRECTED, IGNORE_CACHE and IGNORE_OVERLAY;
     * after {@link Tiering#MAX_REDIRECTS} it fails with ELOOP instead. Under the lock.
     */
    private Runnable redirect(Op op, RequestRedirect r) {
        if (op.redirects >= Tiering.MAX_REDIRECTS) {
            return finish(op, null, new RadosException(Tiering.ELOOP, op.poolName, op.nspace, op.oid,
                    "redirected more than " + Tiering.MAX_REDIRECTS + " times, last to pool " + r.locator().pool()));
        }
        if (r.locator().hash() >= 0 || op.pgSeed >= 0) {
            // a redirect to an explicit placement hash, or of a PG op: no OSD sends one (do_cache_redirect keeps the op's locator)
            return finish(op, null, new RadosException(95, op.poolName, op.nspace, op.oid, "unsupported redirect " + r));
        }
        op.redirects++;
        op.redirect = Tiering.redirected(op.aim(op.target.poolId()), r);
        op.flags |= Tiering.REDIRECT_FLAGS;
        LOG.log(System.Logger.Level.DEBUG, () -> op + " redirected to " + op.redirect);
        return retarget(op, true, true);
    }

    private void handleMap(MOSDMap m) {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            MapView before = map;
            MapUpdate update = OsdMapView.apply((OsdMapView) before, m);
            if (update.map() == before) {
                if (update.wantFrom() > 0) {
                    mon.subscribe(OSDMAP, before == null ? 0 : update.wantFrom(), 0); // 0: the latest, as a full map
                }
                return;
            }
            map = update.map();
            counters.mapEpoch.set(map.epoch());
            counters.mapsApplied.addAndGet(update.applied());
            counters.fullMapsApplied.addAndGet(update.full());
            if (update.wantFrom() > 0) {
                mon.subscribe(OSDMAP, update.wantFrom(), 0); // a gap: ask again from there, full maps if need be
            }
            scanOps(done);
            lingers.mapChanged();
            for (var it = mapWaiters.iterator(); it.hasNext(); ) {
                MapWaiter w = it.next();
                if (map.epoch() >= w.epoch()) {
                    long e = map.epoch();
                    done.add(() -> w.future().complete(e));
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        firstMap.complete(null);
        done.forEach(Runnable::run);
    }

    /** After a map change: every op is aimed again; those whose target changed go again. Under the lock. */
    private void scanOps(List<Runnable> done) {
        for (Op op : List.copyOf(ops.values())) {
            Runnable r = retarget(op, false);
            if (r != null) {
                done.add(r);
            }
        }
        for (OsdSession s : List.copyOf(sessions.values())) {
            if (map.upAddrs(s.osd).isEmpty()) {
                closeSession(s); // marked down: its ops were moved or parked above
            }
        }
    }

    private void handleBackoff(Connection connection, MOSDBackoff b) {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            OsdSession s = sessionOf(connection);
            if (s == null) {
                return;
            }
            long key = OsdSession.pgKey(b.pgid().pgid().pool(), b.pgid().pgid().seed());
            if (b.op() == MOSDBackoff.CEPH_OSD_BACKOFF_OP_BLOCK) {
                counters.backoffs.incrementAndGet();
                s.blockedPgs.add(key);
                connection.send(backoffCodec.encode(b.ackBlock(), features(connection)));
            } else if (b.op() == MOSDBackoff.CEPH_OSD_BACKOFF_OP_UNBLOCK && s.blockedPgs.remove(key)) {
                for (Op op : List.copyOf(s.ops.values())) {
                    if (OsdSession.pgKey(op.target.poolId(), op.target.seed()) == key) {
                        Runnable r = retarget(op, true); // an op may end here (its pool went away meanwhile)
                        if (r != null) {
                            done.add(r);
                        }
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        done.forEach(Runnable::run);
    }

    private OsdSession sessionOf(Connection c) {
        for (OsdSession s : sessions.values()) {
            if (s.connection == c) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void onClosed(Connection connection, Throwable cause) {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            OsdSession s = sessionOf(connection);
            if (s == null) {
                return;
            }
            // a lossy session reset (ms_handle_reset): reopen and send everything again
            LOG.log(System.Logger.Level.DEBUG, () -> s + " reset" + (cause != null ? ": " + cause.getMessage() : ""));
            sessions.remove(s.osd);
            counters.sessions.decrementAndGet();
            s.connection = null;
            for (Op op : List.copyOf(s.ops.values())) {
                op.session = null;
                s.ops.remove(op.tid);
                Runnable r = retarget(op, true);
                if (r != null) {
                    done.add(r);
                }
            }
            lingers.sessionReset(s.osd);
        } finally {
            lock.unlock();
        }
        done.forEach(Runnable::run);
    }

    private void closeSession(OsdSession s) {
        sessions.remove(s.osd);
        for (Op op : List.copyOf(s.ops.values())) {
            park(op, "its session to osd." + s.osd + " closed");
        }
        if (s.connection != null) {
            Connection c = s.connection;
            s.connection = null;
            counters.sessions.decrementAndGet();
            c.close();
        }
    }

    /**
     * Once a second ({@code Objecter::tick}): parked ops try again; ops sent longer than
     * {@code objecter_timeout} ago are laggy, counted, said once, and their OSD gets an MPing (on a
     * lossy session that makes a dead peer show) while the monitor is asked for a newer map; idle
     * sessions close.
     */
    private void tick() {
        List<Runnable> done = new ArrayList<>();
        lock.lock();
        try {
            if (closed || map == null) {
                return;
            }
            long now = System.nanoTime();
            for (Op op : List.copyOf(homeless.values())) {
                Runnable r = retarget(op, true);
                if (r != null) {
                    done.add(r);
                } else if (op.heldBecause != null && laggyNanos > 0 && now - op.heldSinceNanos > laggyNanos && !op.laggy) {
                    op.laggy = true; // said once: what holds an op this long is the cluster's state, not a lost message
                    LOG.log(System.Logger.Level.WARNING, op + " held " + TimeUnit.NANOSECONDS.toMillis(now - op.heldSinceNanos) + " ms: "
                            + op.heldBecause);
                }
            }
            lingers.tick(now);
            int laggyOps = 0;
            int laggyOsds = 0;
            for (OsdSession s : List.copyOf(sessions.values())) {
                if (stuck(s, now)) {
                    // its connect never completed, or its connection ended unheard: it can carry nothing
                    LOG.log(System.Logger.Level.WARNING, s + " given up after " + TimeUnit.NANOSECONDS.toMillis(now - s.connectStartedNanos)
                            + " ms (" + (s.connection == null ? "connect never completed" : "connection closed unreported")
                            + "): " + s.ops.size() + " ops go again on a new session");
                    closeSession(s);
                    continue;
                }
                if (s.connection != null) {
                    int laggy = 0;
                    for (Op op : List.copyOf(s.ops.values())) {
                        if (op.attempts < 0) {
                            send(op, s); // on an open session but never sent (a failed send above): send it now
                        } else if (laggyNanos > 0 && now - op.sentNanos > laggyNanos) {
                            laggy++;
                            if (!op.laggy) {
                                op.laggy = true;
                                LOG.log(System.Logger.Level.WARNING, op + " on " + s + " is laggy: sent "
                                        + TimeUnit.NANOSECONDS.toMillis(now - op.sentNanos) + " ms ago (attempt " + op.attempts
                                        + ", epoch " + op.target.epoch() + ", map " + map.epoch() + ", connection "
                                        + (s.connection.isOpen() ? "open" : "not open") + ")");
                            }
                        }
                    }
                    if (laggy > 0) {
                        // Objecter::tick: a ping makes a session that silently lost its peer fail, so its ops go again
                        laggyOps += laggy;
                        laggyOsds++;
                        s.connection.send(pingCodec.encode(new MPing(), features(s.connection)));
                    }
                }
                if (s.ops.isEmpty() && s.connection != null && idleNanos > 0 && now - s.lastUsedNanos > idleNanos
                        && !lingers.holds(s.osd)) {
                    closeSession(s);
                }
            }
            if (laggyOsds > 0 || !homeless.isEmpty()) {
                // Objecter::tick → _maybe_request_map: a newer map may be what they wait for (an OSD
                // drops an op older than its PG's interval and expects the client to learn of it)
                mon.subscribe(OSDMAP, map.epoch() + 1, 0);
            }
            counters.laggyOps.set(laggyOps);
            counters.laggyOsds.set(laggyOsds);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "objecter tick failed", e);
        } finally {
            lock.unlock();
        }
        done.forEach(Runnable::run);
    }

    /**
     * A session whose ops can never leave: still connecting after the messenger's own handshake
     * timeout should have ended the attempt, or holding a connection that closed without our
     * hearing it. Ceph's messenger always reports both; this is the engine's guard that ops
     * never wait on a session that reports neither. Under the lock.
     */
    private boolean stuck(OsdSession s, long now) {
        if (s.connection == null) {
            return s.connecting && now - s.connectStartedNanos > connectGiveUpNanos;
        }
        return !s.ops.isEmpty() && !s.connection.isOpen();
    }

    /**
     * Removes the op and returns the completion of its stage, to be run after the lock is
     * released; admits throttled ops into the freed budget. Under the lock.
     */
    private Runnable finish(Op op, OperationResult result, RadosException failure) {
        if (ops.remove(op.tid) == null) {
            return () -> { };
        }
        homeless.remove(op.tid);
        if (op.session != null) {
            op.session.ops.remove(op.tid);
            op.session.lastUsedNanos = System.nanoTime();
            op.session = null;
        }
        if (op.timeout != null) {
            op.timeout.cancel(false);
        }
        inflightOps--;
        inflightBytes -= op.inputBytes;
        counters.opsInFlight.decrementAndGet();
        if (failure != null) {
            counters.error(failure.errno());
        }
        while (!throttled.isEmpty() && inflightOps < maxInflightOps && inflightBytes < maxInflightBytes) {
            throttled.poll().run();
        }
        return () -> {
            if (failure != null) {
                op.result.completeExceptionally(failure);
            } else if (result != null) {
                op.result.complete(result);
            }
        };
    }

    /** The perf counters. */
    private final class Counters implements ObjecterCounters {
        final AtomicLong opsInFlight = new AtomicLong();
        final AtomicLong opsSent = new AtomicLong();
        final AtomicLong opsResent = new AtomicLong();
        final AtomicLong replies = new AtomicLong();
        final AtomicLong mapEpoch = new AtomicLong();
        final AtomicLong mapsApplied = new AtomicLong();
        final AtomicLong fullMapsApplied = new AtomicLong();
        final AtomicLong backoffs = new AtomicLong();
        final AtomicLong laggyOps = new AtomicLong();
        final AtomicLong laggyOsds = new AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

        void error(int errno) {
            errors.computeIfAbsent(Errno.of(errno).name(), k -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public long getOpsInFlight() {
            return opsInFlight.get();
        }

        @Override
        public long getOpsSent() {
            return opsSent.get();
        }

        @Override
        public long getOpsResent() {
            return opsResent.get();
        }

        @Override
        public long getReplies() {
            return replies.get();
        }

        @Override
        public Map<String, Long> getErrorsByErrno() {
            Map<String, Long> m = new TreeMap<>();
            errors.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }

        @Override
        public long getMapEpoch() {
            return mapEpoch.get();
        }

        @Override
        public long getMapsApplied() {
            return mapsApplied.get();
        }

        @Override
        public long getFullMapsApplied() {
            return fullMapsApplied.get();
        }

        @Override
        public int getOsdSessions() {
            return sessions.get();
        }

        @Override
        public long getBackoffsReceived() {
            return backoffs.get();
        }

        @Override
        public long getLaggyOps() {
            return laggyOps.get();
        }

        @Override
        public long getLaggyOsds() {
            return laggyOsds.get();
        }
    }

    /** Hands the monitor client's non-monitor traffic to the engine, and everything to the application's dispatcher too. */
    private record Forwarding(Objecter objecter, Dispatcher app) implements Dispatcher {
        @Override
        public void onMessage(Connection connection, RawMessage message) {
            objecter.onMessage(connection, message);
        }

        @Override
        public void onReady(Connection connection) {
            app.onReady(connection);
        }

        @Override
        public void onClosed(Connection connection, Throwable cause) {
            objecter.onClosed(connection, cause);
            app.onClosed(connection, cause);
        }
    }
}

package io.inkwire.rados.internal;

import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.MOSDMap;
import io.inkwire.codec.osd.map.OSDMap;
import io.inkwire.codec.osd.map.OSDMapFlags;
import io.inkwire.codec.osd.map.OSDMapIncremental;
import io.inkwire.codec.osd.map.PgPool;
import io.inkwire.rados.PoolInfo;
import io.inkwire.rados.placement.ObjectPlacement;
import io.inkwire.rados.placement.Placement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The engine's {@link MapView} over a decoded {@link OSDMap}; immutable, like the map. */
final class OsdMapView implements MapView {

    private static final System.Logger LOG = System.getLogger(OsdMapView.class.getName());

    final OSDMap map;
    /** Placement over this map, its CRUSH evaluation prepared once. */
    private final Placement placement;

    OsdMapView(OSDMap map) {
        this.map = map;
        this.placement = Placement.of(map);
    }

    /**
     * Applies what an MOSDMap brings, as {@code Objecter::handle_osd_map}: with a map in hand,
     * the incrementals (or full maps) of the following epochs in order, stopping at a gap; with
     * none, the newest full map, then what follows it. Maps of another cluster, or older than
     * ours, change nothing.
     */
    static MapUpdate apply(OsdMapView current, MOSDMap m) {
        OSDMap map = current == null ? null : current.map;
        if (map != null && !m.fsid().equals(map.fsid())) {
            LOG.log(System.Logger.Level.WARNING, "ignoring an OSDMap of cluster " + m.fsid());
            return new MapUpdate(current, 0, 0, 0);
        }
        int applied = 0;
        int full = 0;
        try {
            if (map == null) {
                if (m.fullMaps().isEmpty()) {
                    // incrementals without a base: ask for the map from its first epoch, full
                    return new MapUpdate(null, 0, 0, m.incrementalMaps().isEmpty() ? 0 : 1);
                }
                map = OSDMap.decode(m.fullMaps().get(m.fullMaps().lastKey()));
                applied++;
                full++;
            }
            for (long e = map.epoch() + 1; e <= m.lastEpoch(); e++) {
                ByteBuffer inc = m.incrementalMaps().get(e);
                if (inc != null) {
                    map = map.apply(OSDMapIncremental.decode(inc));
                } else if (m.fullMaps().containsKey(e)) {
                    map = OSDMap.decode(m.fullMaps().get(e));
                    full++;
                } else {
                    OSDMap got = map;
                    return new MapUpdate(applied == 0 ? current : new OsdMapView(got), applied, full, e);
                }
                applied++;
            }
        } catch (MessageDecodeException e) {
            LOG.log(System.Logger.Level.WARNING, "undecodable OSDMap (" + e.getMessage() + "); asking for a full map");
            return new MapUpdate(applied == 0 ? current : new OsdMapView(map), applied, full, map == null ? 1 : map.epoch() + 1);
        }
        return new MapUpdate(applied == 0 ? current : new OsdMapView(map), applied, full, 0);
    }

    @Override
    public long epoch() {
        return map.epoch();
    }

    @Override
    public boolean pauseReads() {
        return map.hasFlag(OSDMapFlags.PAUSERD);
    }

    @Override
    public boolean pauseWrites() {
        return map.hasFlag(OSDMapFlags.PAUSEWR);
    }

    @Override
    public boolean full() {
        return map.hasFlag(OSDMapFlags.FULL);
    }

    @Override
    public Optional<Pool> pool(long id) {
        PgPool p = map.pool(id);
        return p == null ? Optional.empty() : Optional.of(view(id, p));
    }

    @Override
    public Optional<Pool> pool(String name) {
        long id = map.lookupPool(name);
        return id < 0 ? Optional.empty() : pool(id);
    }

    private Pool view(long id, PgPool p) {
        return new Pool(id, map.poolName(id), p.isErasure(), p.size(), p.minSize(), (int) p.pgNum(), (int) p.pgpNum(),
                p.lastForceOpResend(), p.hasFlag(PgPool.FLAG_FULL) || p.hasFlag(PgPool.FLAG_FULL_QUOTA), p.readTier(),
                p.writeTier());
    }

    @Override
    public Optional<PoolSnaps> poolSnaps(long id) {
        PgPool p = map.pool(id);
        if (p == null) {
            return Optional.empty();
        }
        List<io.inkwire.rados.PoolSnap> snaps = new ArrayList<>(p.snaps().size());
        p.snaps().forEach((sid, s) -> snaps.add(new io.inkwire.rados.PoolSnap(sid, s.name(),
                java.time.Instant.ofEpochSecond(s.stamp().sec(), s.stamp().nsec()))));
        return Optional.of(new PoolSnaps(p.hasFlag(PgPool.FLAG_POOL_SNAPS), p.hasFlag(PgPool.FLAG_SELFMANAGED_SNAPS),
                p.snapSeq(), snaps));
    }

    @Override
    public List<PoolInfo> pools() {
        List<PoolInfo> out = new ArrayList<>();
        map.pools().forEach((id, p) -> out.add(new PoolInfo(id, map.poolName(id), p.isErasure(), p.size(), p.minSize(),
                (int) p.pgNum(), p.crushRule())));
        return out;
    }

    @Override
    public Placed place(Pool pool, String nspace, String key, String oid) {
        return placed(placement.locate(pool.id(), oid, key, nspace));
    }

    @Override
    public Placed placePg(Pool pool, int seed) {
        return placed(placement.locatePg(pool.id(), seed));
    }

    private static Placed placed(ObjectPlacement p) {
        return new Placed(p.rawHash(), p.pgSeed(), p.up(), p.upPrimary(), p.acting(), p.actingPrimary());
    }

    @Override
    public Optional<EntityAddrVec> upAddrs(int osd) {
        if (osd < 0 || osd >= map.maxOsd() || !map.exists(osd) || !map.isUp(osd)) {
            return Optional.empty();
        }
        EntityAddrVec v = map.clientAddrs(osd);
        return v.addrs().isEmpty() ? Optional.empty() : Optional.of(v);
    }
}

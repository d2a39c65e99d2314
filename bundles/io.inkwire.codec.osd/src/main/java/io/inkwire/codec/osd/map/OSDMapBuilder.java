package io.inkwire.codec.osd.map;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.message.MessageDecodeException;
import io.inkwire.codec.osd.PgId;
import io.inkwire.codec.osd.UTime;
import io.inkwire.codec.osd.crush.CrushMap;
import io.inkwire.wire.CephDecoder;
import io.inkwire.wire.StdString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A mutable OSDMap: what {@link OSDMap#decode} fills, what {@link OSDMap#apply} changes, and how tests
 * and tools build maps. Per-OSD state grows with {@link #maxOsd(int)} ({@code set_max_osd}: new OSDs
 * are nonexistent, out, with empty addresses).
 */
public final class OSDMapBuilder {

    UUID fsid = new UUID(0, 0);
    long epoch;
    UTime created = UTime.ZERO;
    UTime modified = UTime.ZERO;
    final SortedMap<Long, PgPool> pools = new TreeMap<>();
    final SortedMap<Long, String> poolNames = new TreeMap<>();
    int poolMax = -1;
    long flags;
    int maxOsd;
    int[] osdState = new int[0];
    int[] osdWeight = new int[0];
    final List<EntityAddrVec> clientAddrs = new ArrayList<>();
    final SortedMap<PgId, List<Integer>> pgTemp = new TreeMap<>();
    final SortedMap<PgId, Integer> primaryTemp = new TreeMap<>();
    int[] primaryAffinity;
    CrushMap crush;
    final SortedMap<String, SortedMap<String, String>> erasureCodeProfiles = new TreeMap<>(StdString.ORDER);
    final SortedMap<PgId, List<Integer>> pgUpmap = new TreeMap<>();
    final SortedMap<PgId, List<UpmapItem>> pgUpmapItems = new TreeMap<>();
    int crushVersion;
    final SortedMap<Long, SortedMap<Long, Long>> newRemovedSnaps = new TreeMap<>();
    final SortedMap<Long, SortedMap<Long, Long>> newPurgedSnaps = new TreeMap<>();
    UTime lastUpChange = UTime.ZERO;
    UTime lastInChange = UTime.ZERO;
    OsdOnlyPart osdOnly;

    OSDMapBuilder() {
    }

    OSDMapBuilder(OSDMap m) {
        fsid = m.fsid();
        epoch = m.epoch();
        created = m.created();
        modified = m.modified();
        pools.putAll(m.pools());
        poolNames.putAll(m.poolNames());
        poolMax = m.poolMax();
        flags = m.flags();
        maxOsd = m.maxOsd();
        osdState = m.osdStateRaw().clone();
        osdWeight = m.osdWeightRaw().clone();
        clientAddrs.addAll(m.clientAddrsRaw());
        pgTemp.putAll(m.pgTemp());
        primaryTemp.putAll(m.primaryTemp());
        primaryAffinity = m.primaryAffinityRaw() == null ? null : m.primaryAffinityRaw().clone();
        crush = m.crush();
        erasureCodeProfiles.putAll(m.erasureCodeProfiles());
        pgUpmap.putAll(m.pgUpmap());
        pgUpmapItems.putAll(m.pgUpmapItems());
        crushVersion = m.crushVersion();
        newRemovedSnaps.putAll(m.newRemovedSnaps());
        newPurgedSnaps.putAll(m.newPurgedSnaps());
        lastUpChange = m.lastUpChange();
        lastInChange = m.lastInChange();
        osdOnly = m.osdOnlyPart();
    }

    public OSDMap build() {
        return new OSDMap(this);
    }

    public OSDMapBuilder fsid(UUID v) {
        fsid = v;
        return this;
    }

    public OSDMapBuilder epoch(long v) {
        epoch = v;
        return this;
    }

    public OSDMapBuilder created(UTime v) {
        created = v;
        return this;
    }

    public OSDMapBuilder modified(UTime v) {
        modified = v;
        return this;
    }

    /** Adds or replaces a pool and its name, raising pool_max to cover it. */
    public OSDMapBuilder pool(long id, String name, PgPool pool) {
        pools.put(id, pool);
        poolNames.put(id, name);
        poolMax = (int) Math.max(poolMax, id);
        return this;
    }

    public OSDMapBuilder flags(long v) {
        flags = v;
        return this;
    }

    /** {@code set_max_osd}: new slots are nonexistent and out; affinities, when kept, default. */
    public OSDMapBuilder maxOsd(int m) {
        OSDMap.checkMaxOsd(m, "max_osd");
        int old = maxOsd;
        osdState = Arrays.copyOf(osdState, m);
        osdWeight = Arrays.copyOf(osdWeight, m);
        while (clientAddrs.size() > m) {
            clientAddrs.remove(clientAddrs.size() - 1);
        }
        while (clientAddrs.size() < m) {
            clientAddrs.add(EntityAddrVec.of());
        }
        if (primaryAffinity != null) {
            primaryAffinity = Arrays.copyOf(primaryAffinity, m);
            for (int i = old; i < m; i++) {
                primaryAffinity[i] = (int) OSDMap.DEFAULT_PRIMARY_AFFINITY;
            }
        }
        maxOsd = m;
        return this;
    }

    /** Sets an OSD's state bits, weight and public addresses. */
    public OSDMapBuilder osd(int osd, int state, long weight, EntityAddrVec addrs) {
        checkOsd(osd);
        osdState[osd] = state;
        osdWeight[osd] = (int) weight;
        clientAddrs.set(osd, addrs);
        return this;
    }

    /** {@code set_primary_affinity}: creates the vector (all default) on first use. */
    public OSDMapBuilder primaryAffinity(int osd, long affinity) {
        checkOsd(osd);
        if (primaryAffinity == null) {
            primaryAffinity = new int[maxOsd];
            Arrays.fill(primaryAffinity, (int) OSDMap.DEFAULT_PRIMARY_AFFINITY);
        }
        primaryAffinity[osd] = (int) affinity;
        return this;
    }

    public OSDMapBuilder pgTemp(PgId pg, List<Integer> osds) {
        pgTemp.put(pg, List.copyOf(osds));
        return this;
    }

    public OSDMapBuilder primaryTemp(PgId pg, int osd) {
        primaryTemp.put(pg, osd);
        return this;
    }

    public OSDMapBuilder pgUpmap(PgId pg, List<Integer> osds) {
        pgUpmap.put(pg, List.copyOf(osds));
        return this;
    }

    public OSDMapBuilder pgUpmapItems(PgId pg, List<UpmapItem> items) {
        pgUpmapItems.put(pg, List.copyOf(items));
        return this;
    }

    public OSDMapBuilder crush(CrushMap v) {
        crush = v;
        return this;
    }

    public OSDMapBuilder crushVersion(int v) {
        crushVersion = v;
        return this;
    }

    public OSDMapBuilder erasureCodeProfile(String name, Map<String, String> profile) {
        TreeMap<String, String> p = new TreeMap<>(StdString.ORDER);
        p.putAll(profile);
        erasureCodeProfiles.put(name, p);
        return this;
    }

    /** Drops the decoded OSD-only part, so the map encodes with a minimal one. */
    public OSDMapBuilder withoutOsdOnlyPart() {
        osdOnly = null;
        return this;
    }

    private void checkOsd(int osd) {
        if (osd < 0 || osd >= maxOsd) {
            throw new IllegalArgumentException("osd." + osd + " is outside max_osd " + maxOsd);
        }
    }

    private static void checkOsd(OSDMapIncremental inc, int maxOsd, int osd, String what) throws MessageDecodeException {
        if (osd < 0 || osd >= maxOsd) {
            throw new MessageDecodeException("OSDMap::Incremental e" + inc.epoch() + ": " + what + " names osd." + osd
                    + " outside max_osd " + maxOsd);
        }
    }

    /** {@code OSDMap::apply_incremental}, in its order. */
    OSDMapBuilder apply(OSDMapIncremental inc) throws MessageDecodeException {
        if (inc.epoch() != 1 && !inc.fsid().equals(fsid)) {
            throw new IllegalArgumentException("incremental for cluster " + inc.fsid() + ", map of " + fsid);
        }
        if (inc.epoch() != epoch + 1) {
            throw new IllegalArgumentException("incremental e" + inc.epoch() + " does not follow e" + epoch);
        }
        if (inc.fullMap().hasRemaining()) {
            OSDMap full = OSDMap.decode(inc.fullMap());
            return new OSDMapBuilder(full);
        }
        // validate every OSD index first: a hostile incremental must not leave a half-applied map
        int newMax = inc.newMaxOsd() >= 0 ? inc.newMaxOsd() : maxOsd;
        for (int osd : inc.newWeight().keySet()) {
            checkOsd(inc, newMax, osd, "new_weight");
        }
        for (int osd : inc.newPrimaryAffinity().keySet()) {
            checkOsd(inc, newMax, osd, "new_primary_affinity");
        }
        for (int osd : inc.newState().keySet()) {
            checkOsd(inc, newMax, osd, "new_state");
        }
        for (int osd : inc.newUpClient().keySet()) {
            checkOsd(inc, newMax, osd, "new_up_client");
        }
        CrushMap newCrush = null;
        if (inc.crush().hasRemaining()) {
            try {
                newCrush = CrushMap.decode(new CephDecoder(inc.crush(), "OSDMap::Incremental crush"));
            } catch (MessageDecodeException e) {
                throw e;
            } catch (ProtocolException e) {
                throw new MessageDecodeException(e.getMessage(), e);
            }
        }

        epoch = inc.epoch();
        fsid = inc.fsid();
        modified = inc.modified();
        if (inc.newFlags() >= 0) {
            flags = Integer.toUnsignedLong(inc.newFlags());
        }
        if (inc.newMaxOsd() >= 0) {
            maxOsd(inc.newMaxOsd());
        }
        if (inc.newPoolMax() != -1) {
            poolMax = (int) inc.newPoolMax();
        }
        inc.newPools().forEach((id, pool) -> pools.put(id, pool.toBuilder().lastChange(epoch).build()));
        newRemovedSnaps.clear();
        newRemovedSnaps.putAll(inc.newRemovedSnaps());
        newPurgedSnaps.clear();
        newPurgedSnaps.putAll(inc.newPurgedSnaps());
        if (!inc.newLastUpChange().equals(UTime.ZERO)) {
            lastUpChange = inc.newLastUpChange();
        }
        if (!inc.newLastInChange().equals(UTime.ZERO)) {
            lastInChange = inc.newLastInChange();
        }
        poolNames.putAll(inc.newPoolNames());
        for (long id : inc.oldPools()) {
            pools.remove(id);
            poolNames.remove(id);
        }
        inc.newWeight().forEach((osd, w) -> {
            osdWeight[osd] = (int) (long) w;
            if (w != 0) {
                // set_weight (OSDMap.h): a weight makes the OSD exist, as "osd new" relies on (its
                // new_state carries only NEW); marked in, it is no longer auto-out or new
                osdState[osd] |= OsdState.EXISTS;
                osdState[osd] &= ~(OsdState.AUTOOUT | OsdState.NEW);
            }
        });
        inc.newPrimaryAffinity().forEach((osd, a) -> primaryAffinity(osd, a));
        inc.oldErasureCodeProfiles().forEach(erasureCodeProfiles::remove);
        erasureCodeProfiles.putAll(inc.newErasureCodeProfiles());
        inc.newState().forEach((osd, bits) -> {
            int s = bits == 0 ? OsdState.UP : (int) (long) bits; // 0 meant "up" to old encoders
            if ((osdState[osd] & OsdState.EXISTS) != 0 && (s & OsdState.EXISTS) != 0) {
                // the OSD is destroyed: forget everything about it
                if (primaryAffinity != null) {
                    primaryAffinity[osd] = (int) OSDMap.DEFAULT_PRIMARY_AFFINITY;
                }
                clientAddrs.set(osd, EntityAddrVec.of());
                osdState[osd] = 0;
            } else {
                osdState[osd] ^= s;
            }
        });
        inc.newUpClient().forEach((osd, addrs) -> {
            osdState[osd] |= OsdState.EXISTS | OsdState.UP;
            osdState[osd] &= ~OsdState.STOP;
            clientAddrs.set(osd, addrs);
        });
        inc.newPgTemp().forEach((pg, osds) -> {
            if (osds.isEmpty()) {
                pgTemp.remove(pg);
            } else {
                pgTemp.put(pg, osds);
            }
        });
        inc.newPrimaryTemp().forEach((pg, osd) -> {
            if (osd == -1) {
                primaryTemp.remove(pg);
            } else {
                primaryTemp.put(pg, osd);
            }
        });
        pgUpmap.putAll(inc.newPgUpmap());
        inc.oldPgUpmap().forEach(pgUpmap::remove);
        pgUpmapItems.putAll(inc.newPgUpmapItems());
        inc.oldPgUpmapItems().forEach(pgUpmapItems::remove);
        // the new CRUSH map last, after the up/down changes; crush_version counts it (Luminous+ maps)
        if (newCrush != null) {
            crush = newCrush;
            crushVersion++;
        }
        osdOnly = null; // the OSD-only part no longer describes this epoch
        return this;
    }
}

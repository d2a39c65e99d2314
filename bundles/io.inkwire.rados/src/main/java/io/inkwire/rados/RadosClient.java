package io.inkwire.rados;

import io.inkwire.monclient.MonClient;
import io.inkwire.rados.placement.ObjectPlacement;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * A client of one Ceph cluster, as librados's {@code Rados}: a monitor session that keeps the
 * OSDMap current, and sessions to the OSDs opened as ops need them. Create one with
 * {@link Rados#connect}; in OSGi it is a service. Thread-safe.
 */
public interface RadosClient extends AutoCloseable {

    /** I/O in a pool, default namespace. */
    IoCtx ioCtx(String pool) throws RadosException;

    /** The pools of the current map. */
    List<PoolInfo> pools();

    /** Creates a replicated pool through the monitor ({@code osd pool create}). */
    CompletionStage<Void> createPool(String name, int pgNum);

    /** Deletes a pool through the monitor; in-flight ops on it fail with ENOENT. */
    CompletionStage<Void> deletePool(String name);

    /**
     * Statistics of these pools from the monitor ({@code rados df}, librados's
     * {@code get_pool_stats}), by name; pools the monitor does not know are left out.
     */
    CompletionStage<SortedMap<String, PoolUsage>> poolStats(Collection<String> pools);

    /** The cluster's raw capacity and use from the monitor (librados's {@code cluster_stat}). */
    CompletionStage<ClusterUsage> clusterStat();

    /** Where an object lives, computed from the current map with no round trip. */
    ObjectPlacement locate(String pool, String namespace, String locator, String object) throws RadosException;

    /** The epoch of the OSDMap in use. */
    long osdMapEpoch();

    /** Waits until the client has a map at least as new as {@code epoch} ({@code wait_for_latest_osdmap}). */
    CompletionStage<Long> waitForMap(long epoch);

    /** Counters of the request engine (Ceph's objecter perf counters). */
    ObjecterCounters counters();

    /** The monitor session under this client. */
    MonClient monClient();

    /** Fails what is in flight with ESHUTDOWN and closes every session. */
    @Override
    void close();
}

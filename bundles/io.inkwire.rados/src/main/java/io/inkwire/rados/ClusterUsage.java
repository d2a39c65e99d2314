package io.inkwire.rados;

/**
 * The cluster's raw capacity and use, as librados's {@code rados_cluster_stat_t}
 * ({@code Rados::cluster_stat}, the totals of {@code rados df}), from the monitor.
 *
 * @param kb raw capacity in KiB
 * @param kbUsed raw space used in KiB
 * @param kbAvail raw space available in KiB
 * @param numObjects objects in all pools
 */
public record ClusterUsage(long kb, long kbUsed, long kbAvail, long numObjects) {
}

package io.inkwire.rados;

/**
 * What a pool holds and has served, as librados's {@code rados_pool_stat_t} reports it
 * ({@code Rados::get_pool_stats}) and {@code rados df} prints it. The figures are the monitor's
 * (collected by the manager from the OSDs every few seconds), not live counts.
 *
 * @param numBytes space used: what the object stores allocated when the cluster reports per pool,
 *                 else the bytes of the objects (both with omap)
 * @param numKb the same in KiB, rounded up
 * @param numObjects objects, clones included
 * @param numObjectClones snapshot clones
 * @param numObjectCopies objects times replicas
 * @param numObjectsMissingOnPrimary objects the primary lacks
 * @param numObjectsUnfound objects no OSD has
 * @param numObjectsDegraded object copies short of the pool's size
 * @param numRd read ops served
 * @param numRdKb KiB read
 * @param numWr write ops served
 * @param numWrKb KiB written
 * @param compressedBytesOrig data before compression (of what was compressed)
 * @param compressedBytes the same after compression
 * @param compressedBytesAlloc space the compressed data takes
 */
public record PoolUsage(long numBytes, long numKb, long numObjects, long numObjectClones, long numObjectCopies, long numObjectsMissingOnPrimary,
        long numObjectsUnfound, long numObjectsDegraded, long numRd, long numRdKb, long numWr, long numWrKb, long compressedBytesOrig,
        long compressedBytes, long compressedBytesAlloc) {
}

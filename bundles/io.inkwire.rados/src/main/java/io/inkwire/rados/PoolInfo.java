package io.inkwire.rados;

/** A pool as the OSDMap describes it. */
public record PoolInfo(long id, String name, boolean erasure, int size, int minSize, int pgNum, int crushRule) {
}

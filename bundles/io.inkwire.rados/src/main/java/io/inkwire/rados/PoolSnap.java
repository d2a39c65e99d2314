package io.inkwire.rados;

import java.time.Instant;
import java.util.Objects;

/**
 * A pool snapshot as the OSDMap carries it ({@code pool_snap_info_t} in the pool's {@code snaps}):
 * what {@code rados lssnap} lists.
 *
 * @param id the snap id, what reads at the snapshot name ({@link IoCtx#withReadSnap})
 * @param name the snapshot's name, unique in its pool
 * @param stamp when the monitor made it
 */
public record PoolSnap(long id, String name, Instant stamp) {

    public PoolSnap {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stamp, "stamp");
    }
}

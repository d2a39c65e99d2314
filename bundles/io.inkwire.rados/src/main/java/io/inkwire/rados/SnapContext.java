package io.inkwire.rados;

import java.util.List;

/**
 * A write snap context ({@code SnapContext}, {@code src/common/snap_types.h}): the newest snap id the
 * writer knows ({@code seq}) and the snapshots that exist, newest first. A write under it makes the
 * OSD preserve the object as it was (a clone) for every snapshot newer than the object's last write.
 * Self-managed snapshots take it from the application ({@link IoCtx#withWriteSnapContext}); a pool in
 * pool-snapshot mode has one of its own, which the OSD applies.
 *
 * @param seq the snap sequence, at least the newest snap
 * @param snaps the snapshots, strictly descending
 */
public record SnapContext(long seq, List<Long> snaps) {

    /** {@code CEPH_MAXSNAP}: the greatest id a snapshot can have. */
    public static final long MAX_SNAP = 0xffff_ffff_ffff_fff0L;
    /** The context of a writer that knows of no snapshot. */
    public static final SnapContext EMPTY = new SnapContext(0, List.of());

    /**
     * @throws IllegalArgumentException where {@code SnapContext::is_valid} says no (librados's EINVAL): a
     *     seq beyond {@link #MAX_SNAP}, a snap newer than seq, snaps not strictly descending, a snap 0
     *     followed by another
     */
    public SnapContext {
        snaps = List.copyOf(snaps);
        if (Long.compareUnsigned(seq, MAX_SNAP) > 0) {
            throw new IllegalArgumentException("snap context seq " + Long.toUnsignedString(seq) + " is past CEPH_MAXSNAP");
        }
        if (!snaps.isEmpty() && Long.compareUnsigned(snaps.get(0), seq) > 0) {
            throw new IllegalArgumentException("snap " + Long.toUnsignedString(snaps.get(0)) + " is newer than the seq "
                    + Long.toUnsignedString(seq));
        }
        for (int i = 1; i < snaps.size(); i++) {
            long newer = snaps.get(i - 1);
            if (newer == 0 || Long.compareUnsigned(snaps.get(i), newer) >= 0) {
                throw new IllegalArgumentException("snaps are not strictly descending: " + snaps);
            }
        }
    }
}

package io.inkwire.rados.striper;

import java.util.ArrayList;
import java.util.List;

/**
 * How a striped object is cut into RADOS objects ({@code ceph_file_layout}): data goes round-robin in
 * stripe units over {@code stripeCount} objects, and once those objects hold {@code objectSize} bytes
 * each the next object set starts. The mapping functions follow {@code src/osdc/Striper.cc}.
 *
 * @param stripeUnit  bytes written to one object before moving to the next (a multiple of 64 KiB)
 * @param stripeCount objects one stripe spans
 * @param objectSize  the size of each RADOS object (a multiple of the stripe unit)
 */
public record StripeLayout(int stripeUnit, int stripeCount, int objectSize) {

    /** {@code CEPH_MIN_STRIPE_UNIT}: stripe units and object sizes come in multiples of this. */
    public static final int MIN_STRIPE_UNIT = 65536;

    /** libradosstriper's {@code default_file_layout}: 4 MiB stripe unit, one stripe, 4 MiB objects. */
    public static final StripeLayout DEFAULT = new StripeLayout(1 << 22, 1, 1 << 22);

    /** The checks of {@code RadosStriperImpl::setObjectLayout*}; they fail with the IllegalArgumentException EINVAL stands for. */
    public StripeLayout {
        if (stripeUnit <= 0 || stripeUnit % MIN_STRIPE_UNIT != 0) {
            throw new IllegalArgumentException("stripe unit must be a positive multiple of 65536: " + Integer.toUnsignedString(stripeUnit));
        }
        if (stripeCount <= 0) {
            throw new IllegalArgumentException("stripe count must be positive: " + Integer.toUnsignedString(stripeCount));
        }
        if (objectSize <= 0 || objectSize % MIN_STRIPE_UNIT != 0 || objectSize < stripeUnit || objectSize % stripeUnit != 0) {
            throw new IllegalArgumentException("object size must be a positive multiple of 65536 and of the stripe unit "
                    + stripeUnit + ": " + Integer.toUnsignedString(objectSize));
        }
    }

    public StripeLayout withStripeUnit(int su) {
        return new StripeLayout(su, stripeCount, Math.max(objectSize, su));
    }

    public StripeLayout withStripeCount(int sc) {
        return new StripeLayout(stripeUnit, sc, objectSize);
    }

    public StripeLayout withObjectSize(int os) {
        return new StripeLayout(stripeUnit, stripeCount, os);
    }

    /** Bytes of one object set ({@code file_layout_t::get_period}). */
    public long period() {
        return (long) objectSize * stripeCount;
    }

    /** The RADOS object {@code objectNo} of striped object {@code soid}: {@code soid.%016llx} (RADOS_OBJECT_EXTENSION_FORMAT). */
    public static String objectName(String soid, long objectNo) {
        String hex = Long.toHexString(objectNo);
        return soid + "." + "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * The objects that hold [{@code offset}, {@code offset + length}), one extent per object, ordered by
     * object number ({@code Striper::file_to_extents}: block by block, a block continuing the object's
     * previous extent extends it). Empty for a zero length.
     */
    public List<ObjectExtent> fileToExtents(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "~" + length);
        }
        long su = stripeUnit;
        long sc = stripeCount;
        long stripesPerObject = objectSize / su;
        java.util.TreeMap<Long, Building> byObject = new java.util.TreeMap<>();
        long cur = offset;
        long left = length;
        while (left > 0) {
            long blockNo = cur / su;
            long stripeNo = blockNo / sc;
            long stripePos = blockNo % sc;
            long objectSetNo = stripeNo / stripesPerObject;
            long objectNo = objectSetNo * sc + stripePos;
            long blockStart = (stripeNo % stripesPerObject) * su;
            long blockOff = cur % su;
            long xOffset = blockStart + blockOff;
            long xLen = Math.min(left, su - blockOff);
            Building b = byObject.get(objectNo);
            if (b == null) {
                b = new Building(xOffset);
                byObject.put(objectNo, b);
            } else if (b.offset + b.length != xOffset) {
                // cannot happen for one contiguous range: an object's blocks of a range are consecutive
                throw new IllegalStateException("non-contiguous extent in object " + objectNo);
            }
            b.length += xLen;
            b.buffers.add(new ObjectExtent.BufferExtent(cur - offset, xLen));
            left -= xLen;
            cur += xLen;
        }
        List<ObjectExtent> out = new ArrayList<>(byObject.size());
        byObject.forEach((no, b) -> out.add(new ObjectExtent(no, b.offset, b.length, b.buffers)));
        return out;
    }

    private static final class Building {
        final long offset;
        long length;
        final List<ObjectExtent.BufferExtent> buffers = new ArrayList<>();

        Building(long offset) {
            this.offset = offset;
        }
    }

    /** The size object {@code objectNo} has once the striped object is {@code truncSize} bytes ({@code Striper::object_truncate_size}). */
    public long objectTruncateSize(long objectNo, long truncSize) {
        if (truncSize == 0) {
            return 0;
        }
        long su = stripeUnit;
        long sc = stripeCount;
        long stripesPerObject = objectSize / su;
        long objectSetNo = objectNo / sc;
        long truncObjectSetNo = truncSize / objectSize / sc;
        if (objectSetNo > truncObjectSetNo) {
            return 0;
        }
        if (objectSetNo < truncObjectSetNo) {
            return objectSize;
        }
        long truncBlockNo = truncSize / su;
        long truncStripeNo = truncBlockNo / sc;
        long truncStripePos = truncBlockNo % sc;
        long truncObjectNo = truncObjectSetNo * sc + truncStripePos;
        if (objectNo < truncObjectNo) {
            return ((truncStripeNo % stripesPerObject) + 1) * su;
        } else if (objectNo > truncObjectNo) {
            return (truncStripeNo % stripesPerObject) * su;
        }
        return (truncStripeNo % stripesPerObject) * su + truncSize % su;
    }

    /**
     * How many RADOS objects a striped object of {@code size} bytes spans, counted as
     * {@code RadosStriperImpl::internal_aio_remove} counts them: full object sets, then the stripe
     * units of the last set, at most one set's worth of objects.
     */
    public long objectCount(long size) {
        long setBytes = period();
        long completeSets = size / setBytes;
        long remaining = size % setBytes;
        long remainingUnits = (remaining + stripeUnit - 1) / stripeUnit;
        return completeSets * stripeCount + Math.min(remainingUnits, stripeCount);
    }
}

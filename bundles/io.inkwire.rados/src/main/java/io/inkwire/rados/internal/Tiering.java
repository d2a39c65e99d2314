package io.inkwire.rados.internal;

import io.inkwire.codec.osd.ObjectLocator;
import io.inkwire.codec.osd.OsdFlags;
import io.inkwire.codec.osd.RequestRedirect;

/**
 * Where cache tiering sends an op: the pool overlay of {@code Objecter::_calc_target} ("apply
 * tiering", {@code src/osdc/Objecter.cc}; {@code calc_target} in the kernel's
 * {@code net/ceph/osd_client.c}) and the redirect of {@code Objecter::handle_osd_op_reply}.
 *
 * <p>Overlay: an op that does not carry {@code CEPH_OSD_FLAG_IGNORE_OVERLAY} goes to its base pool's
 * {@code read_tier} when it reads and to its {@code write_tier} when it writes (an op that does both
 * takes the write tier, as Ceph's second assignment wins). PG ops (listing) never take the overlay:
 * Ceph's {@code pg_read} sets IGNORE_OVERLAY on them.
 *
 * <p>Redirect: a cache OSD that will not serve an op answers with a {@code request_redirect_t}
 * ({@code PrimaryLogPG::do_cache_redirect}: the op's locator with the base pool, {@code tier_of}); the
 * op goes again to the locator (and object, when named) the redirect gives, with REDIRECTED,
 * IGNORE_CACHE and IGNORE_OVERLAY, so that neither the overlay nor the cache tier sends it back. Ceph
 * follows redirects without a bound; a misbehaving OSD could then bounce an op for ever, so this client
 * follows at most {@link #MAX_REDIRECTS} per op and then fails it with ELOOP.
 *
 * <p>Pacific's {@code _calc_target} starts each targeting again from the base locator (with
 * IGNORE_OVERLAY set, that is the base pool), so only a redirect to the base pool has effect there;
 * this client keeps the locator the OSD named for the rest of the op's life. For every redirect a
 * Pacific OSD sends (to {@code tier_of}, same object) the two are the same.
 */
final class Tiering {

    /** Redirects followed for one op before it fails with {@link #ELOOP}; Ceph has no bound. */
    static final int MAX_REDIRECTS = 8;
    /** {@code ELOOP}: the op was redirected more than {@link #MAX_REDIRECTS} times. */
    static final int ELOOP = 40;
    /** What a followed redirect adds to the op's flags ({@code handle_osd_op_reply}). */
    static final int REDIRECT_FLAGS = OsdFlags.CEPH_OSD_FLAG_REDIRECTED | OsdFlags.CEPH_OSD_FLAG_IGNORE_CACHE
            | OsdFlags.CEPH_OSD_FLAG_IGNORE_OVERLAY;

    private Tiering() {
    }

    /**
     * The pool an op with {@code flags} on an object of {@code base} is aimed at: a tier of the
     * overlay, or the base pool itself.
     */
    static long overlay(MapView.Pool base, int flags) {
        if ((flags & (OsdFlags.CEPH_OSD_FLAG_IGNORE_OVERLAY | OsdFlags.CEPH_OSD_FLAG_PGOP)) != 0) {
            return base.id();
        }
        long pool = base.id();
        if ((flags & OsdFlags.CEPH_OSD_FLAG_READ) != 0 && base.readTier() >= 0) {
            pool = base.readTier();
        }
        if ((flags & OsdFlags.CEPH_OSD_FLAG_WRITE) != 0 && base.writeTier() >= 0) {
            pool = base.writeTier();
        }
        return pool;
    }

    /**
     * Where a redirected op goes ({@code request_redirect_t::combine_with_locator}): the redirect's
     * locator replaces the op's, its object replaces the op's when it names one.
     */
    static Aim redirected(Aim from, RequestRedirect r) {
        ObjectLocator l = r.locator();
        return new Aim(l.pool(), l.key(), l.nspace(), r.object().isEmpty() ? from.oid() : r.object());
    }

    /** An op's object as it is sent: pool, locator key, namespace and name. */
    record Aim(long pool, String key, String nspace, String oid) {
    }
}

package io.inkwire.rados.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.codec.osd.ObjectLocator;
import io.inkwire.codec.osd.OsdFlags;
import io.inkwire.codec.osd.RequestRedirect;
import org.junit.jupiter.api.Test;

/**
 * The cache-tier rules of {@code Objecter::_calc_target} (overlay) and {@code handle_osd_op_reply}
 * (redirect), as {@link Tiering} applies them.
 */
class TieringTest {

    private static final int READ = OsdFlags.CEPH_OSD_FLAG_READ;
    private static final int WRITE = OsdFlags.CEPH_OSD_FLAG_WRITE | OsdFlags.CEPH_OSD_FLAG_ONDISK;

    private static MapView.Pool pool(long id, long readTier, long writeTier) {
        return new MapView.Pool(id, "p" + id, false, 1, 1, 8, 8, 0, false, readTier, writeTier);
    }

    @Test
    void without_an_overlay_ops_go_to_their_pool() {
        MapView.Pool base = pool(3, -1, -1);
        assertEquals(3, Tiering.overlay(base, READ));
        assertEquals(3, Tiering.overlay(base, WRITE));
        assertEquals(3, Tiering.overlay(base, READ | WRITE));
    }

    @Test
    void reads_take_the_read_tier_and_writes_the_write_tier() {
        MapView.Pool base = pool(3, 7, 9);
        assertEquals(7, Tiering.overlay(base, READ));
        assertEquals(9, Tiering.overlay(base, WRITE));
        assertEquals(9, Tiering.overlay(base, READ | WRITE), "a read-modify-write: the write tier wins, as in Ceph");
        // set-overlay sets both to the cache pool; a read-only overlay (read_tier only) leaves writes on the base
        assertEquals(3, Tiering.overlay(pool(3, 7, -1), WRITE));
        assertEquals(7, Tiering.overlay(pool(3, 7, -1), READ));
        assertEquals(3, Tiering.overlay(pool(3, -1, 9), READ));
    }

    @Test
    void ignore_overlay_and_pg_ops_stay_on_the_base_pool() {
        MapView.Pool base = pool(3, 7, 7);
        assertEquals(3, Tiering.overlay(base, READ | OsdFlags.CEPH_OSD_FLAG_IGNORE_OVERLAY));
        assertEquals(3, Tiering.overlay(base, WRITE | OsdFlags.CEPH_OSD_FLAG_IGNORE_OVERLAY));
        assertEquals(3, Tiering.overlay(base, READ | OsdFlags.CEPH_OSD_FLAG_PGOP), "pg_read sets IGNORE_OVERLAY");
        // what a followed redirect adds keeps the op off the overlay and out of the cache's hands
        int redirected = WRITE | Tiering.REDIRECT_FLAGS;
        assertEquals(3, Tiering.overlay(base, redirected));
        assertEquals(OsdFlags.CEPH_OSD_FLAG_IGNORE_CACHE, redirected & OsdFlags.CEPH_OSD_FLAG_IGNORE_CACHE);
        assertEquals(OsdFlags.CEPH_OSD_FLAG_REDIRECTED, redirected & OsdFlags.CEPH_OSD_FLAG_REDIRECTED);
    }

    @Test
    void a_redirect_replaces_the_locator_and_names_the_object_when_it_gives_one() {
        Tiering.Aim sent = new Tiering.Aim(7, "key", "ns", "obj");
        // do_cache_redirect: the op's own locator with the base pool, no object
        assertEquals(new Tiering.Aim(3, "key", "ns", "obj"),
                Tiering.redirected(sent, new RequestRedirect(new ObjectLocator(3, "key", "ns", -1), "")));
        // combine_with_locator: the whole locator goes (key, namespace), the object too when named
        assertEquals(new Tiering.Aim(5, "", "other", "elsewhere"),
                Tiering.redirected(sent, new RequestRedirect(new ObjectLocator(5, "", "other", -1), "elsewhere")));
    }
}

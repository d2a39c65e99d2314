package io.inkwire.rados.striper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.rados.striper.ObjectExtent.BufferExtent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping of src/osdc/Striper.cc, with values worked out by hand from its formulas. */
class StripeLayoutTest {

    static final int K64 = 65536;
    /** Three objects a stripe, two stripe units an object. */
    static final StripeLayout L3 = new StripeLayout(K64, 3, 2 * K64);

    @Test
    void object_names_are_the_striped_name_and_sixteen_hex_digits() {
        assertEquals("foo.0000000000000000", StripeLayout.objectName("foo", 0));
        assertEquals("foo.000000000000001a", StripeLayout.objectName("foo", 26));
        assertEquals("a.b.ffffffffffffffff", StripeLayout.objectName("a.b", -1));
    }

    @Test
    void default_layout_is_four_mib_objects_one_stripe() {
        assertEquals(new StripeLayout(4 << 20, 1, 4 << 20), StripeLayout.DEFAULT);
        assertEquals(List.of(new ObjectExtent(1, 3, 1, List.of(new BufferExtent(0, 1)))),
                StripeLayout.DEFAULT.fileToExtents((4 << 20) + 3, 1));
        // 100 MiB + 3: 25 whole objects and 3 bytes in the 26th
        List<ObjectExtent> ex = StripeLayout.DEFAULT.fileToExtents(0, (100L << 20) + 3);
        assertEquals(26, ex.size());
        assertEquals(new ObjectExtent(25, 0, 3, List.of(new BufferExtent(100L << 20, 3))), ex.get(25));
        assertEquals(26, StripeLayout.DEFAULT.objectCount((100L << 20) + 3));
        assertEquals(1, StripeLayout.DEFAULT.objectCount(4 << 20));
    }

    @Test
    void blocks_go_round_robin_then_to_the_next_object_set() {
        assertEquals(List.of(new ObjectExtent(0, 0, K64, List.of(new BufferExtent(0, K64)))), L3.fileToExtents(0, K64));
        // block 3: stripe 1, position 0 -> object 0, second unit
        assertEquals(List.of(new ObjectExtent(0, K64, 10, List.of(new BufferExtent(0, 10)))), L3.fileToExtents(3L * K64, 10));
        // block 6: stripe 2 -> object set 1, object 3
        assertEquals(List.of(new ObjectExtent(3, 0, 1, List.of(new BufferExtent(0, 1)))), L3.fileToExtents(6L * K64, 1));
        // block 11: stripe 3, position 2 -> object 5, second unit, last byte
        assertEquals(List.of(new ObjectExtent(5, 2L * K64 - 1, 1, List.of(new BufferExtent(0, 1)))), L3.fileToExtents(12L * K64 - 1, 1));
    }

    @Test
    void a_range_over_a_stripe_boundary_extends_the_objects_extent_and_lists_its_buffer_pieces() {
        List<ObjectExtent> ex = L3.fileToExtents(100, 3L * K64);
        assertEquals(List.of(
                new ObjectExtent(0, 100, K64, List.of(new BufferExtent(0, K64 - 100), new BufferExtent(3L * K64 - 100, 100))),
                new ObjectExtent(1, 0, K64, List.of(new BufferExtent(K64 - 100, K64))),
                new ObjectExtent(2, 0, K64, List.of(new BufferExtent(2L * K64 - 100, K64)))), ex);
        assertEquals(List.of(), L3.fileToExtents(5, 0));
    }

    @Test
    void truncate_sizes_per_object() {
        assertEquals(100, L3.objectTruncateSize(0, 100));
        assertEquals(0, L3.objectTruncateSize(1, 100));
        assertEquals(0, L3.objectTruncateSize(2, 100));
        long t = 4L * K64 + 5; // block 4: stripe 1, object 1
        assertEquals(2L * K64, L3.objectTruncateSize(0, t));
        assertEquals(K64 + 5, L3.objectTruncateSize(1, t));
        assertEquals(K64, L3.objectTruncateSize(2, t));
        assertEquals(0, L3.objectTruncateSize(3, t));
        assertEquals(2L * K64, L3.objectTruncateSize(2, 7L * K64)); // set 1 reached: set 0 objects full
        assertEquals(0, L3.objectTruncateSize(4, 0));
    }

    @Test
    void object_count_as_remove_counts_it() {
        assertEquals(0, L3.objectCount(0));
        assertEquals(1, L3.objectCount(1));
        assertEquals(2, L3.objectCount(K64 + 1));
        assertEquals(3, L3.objectCount(4L * K64 + 5));
        assertEquals(4, L3.objectCount(6L * K64 + 1));
    }

    @Test
    void layouts_libradosstriper_refuses_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new StripeLayout(1000, 1, K64));
        assertThrows(IllegalArgumentException.class, () -> new StripeLayout(K64, 0, K64));
        assertThrows(IllegalArgumentException.class, () -> new StripeLayout(2 * K64, 1, 3 * K64));
        assertThrows(IllegalArgumentException.class, () -> new StripeLayout(2 * K64, 1, K64));
        assertThrows(IllegalArgumentException.class, () -> L3.fileToExtents(-1, 1));
    }
}

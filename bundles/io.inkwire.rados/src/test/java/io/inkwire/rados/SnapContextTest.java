package io.inkwire.rados;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SnapContext} takes what {@code SnapContext::is_valid} takes and refuses the rest (librados's EINVAL). */
class SnapContextTest {

    @Test
    void valid_contexts() {
        assertEquals(List.of(), SnapContext.EMPTY.snaps());
        assertEquals(List.of(9L, 4L, 1L), new SnapContext(9, List.of(9L, 4L, 1L)).snaps());
        new SnapContext(12, List.of(5L));
        new SnapContext(SnapContext.MAX_SNAP, List.of(SnapContext.MAX_SNAP, 0x8000_0000_0000_0000L, 3L));
        List<Long> mine = new ArrayList<>(List.of(2L));
        SnapContext c = new SnapContext(2, mine);
        mine.add(1L);
        assertEquals(List.of(2L), c.snaps(), "a copy: the caller's list does not change it");
    }

    @Test
    void invalid_contexts_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new SnapContext(3, List.of(4L)), "a snap newer than seq");
        assertThrows(IllegalArgumentException.class, () -> new SnapContext(9, List.of(1L, 4L)), "ascending");
        assertThrows(IllegalArgumentException.class, () -> new SnapContext(9, List.of(4L, 4L)), "a duplicate");
        assertThrows(IllegalArgumentException.class, () -> new SnapContext(-1L, List.of()), "seq past CEPH_MAXSNAP");
        assertThrows(IllegalArgumentException.class, () -> new SnapContext(-1L >>> 1, List.of(-2L)), "unsigned order: 2^64-2 > seq");
        assertThrows(IllegalArgumentException.class, () -> new SnapContext(5, List.of(0L, 0L)), "snap 0 then another");
    }
}

package io.inkwire.rados.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.codec.osd.SnapsResponse;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.PoolSnap;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot lines of Ceph 16.2's rados for fixed inputs (as a lab's {@code rados lssnap}/{@code listsnaps} printed them). */
class SnapToolLinesTest {

    @Test
    void lssnapPrintsIdNameAndTheLocalStamp() {
        PoolSnap s = new PoolSnap(1, "s1", Instant.parse("2026-12-02T19:36:36.812Z"));
        assertEquals("1\ts1\t2026.12.02 19:36:36", SnapTool.lssnapLine(s, ZoneOffset.UTC));
        assertEquals("1\ts1\t2026.12.03 04:36:36", SnapTool.lssnapLine(s, ZoneId.of("Asia/Tokyo")), "localtime_r");
        assertEquals("18446744073709551600\tx\t1970.01.01 00:00:00",
                SnapTool.lssnapLine(new PoolSnap(0xffff_ffff_ffff_fff0L, "x", Instant.EPOCH), ZoneOffset.UTC), "unsigned ids");
    }

    @Test
    void listsnapsPrintsClonesThenTheHeadWithoutOverlap() {
        SnapsResponse r = new SnapsResponse(List.of(
                new SnapsResponse.Clone(1, List.of(1L), List.of(), 7),
                new SnapsResponse.Clone(3, List.of(2L, 3L), List.of(new SnapsResponse.Extent(0, 4), new SnapsResponse.Extent(8, 2)), 10),
                new SnapsResponse.Clone(IoCtx.SNAP_HEAD, List.of(), List.of(), 10)), 3);
        assertEquals("o1:\ncloneid\tsnaps\tsize\toverlap\n1\t1\t7\t[]\n3\t2,3\t10\t[0~4,8~2]\nhead\t-\t10\n",
                SnapTool.listsnapsText("o1", r));
        // an object whose head is gone still lists its clones; rados ends with the empty line then
        SnapsResponse noHead = new SnapsResponse(List.of(new SnapsResponse.Clone(4, List.of(4L), List.of(), 3)), 4);
        assertEquals("gone:\ncloneid\tsnaps\tsize\toverlap\n4\t4\t3\t[]\n\n", SnapTool.listsnapsText("gone", noHead));
    }
}

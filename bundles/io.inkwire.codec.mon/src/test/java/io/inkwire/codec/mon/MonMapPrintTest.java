package io.inkwire.codec.mon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.api.addr.EntityAddrVec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The monitor lines of a monmap as {@code MonMap::print} writes them (issue 6's example, a v1-only and a v2-only monitor). */
class MonMapPrintTest {

    @Test
    void monitors_are_printed_rank_vector_name() {
        MonMap map = MonMap.of(UUID.fromString("5d61cf2f-dd45-4db4-b861-446e1c12ef84"), 4, Instant.ofEpochSecond(1_795_313_536L),
                List.of(new MonInfo("foo", EntityAddrVec.parse("[v2:10.0.0.10:3300/0,v1:10.0.0.10:6789/0]")),
                        new MonInfo("old", EntityAddrVec.parse("v1:10.0.0.11:6789/0"))));
        List<String> lines = map.dumpLines(ZoneOffset.UTC);
        assertEquals(List.of("0: [v2:10.0.0.10:3300/0,v1:10.0.0.10:6789/0] mon.foo", "1: v1:10.0.0.11:6789/0 mon.old"),
                lines.subList(lines.size() - 2, lines.size()));
    }
}

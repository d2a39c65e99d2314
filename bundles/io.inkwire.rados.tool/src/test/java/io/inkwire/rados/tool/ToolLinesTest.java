package io.inkwire.rados.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwire.rados.ObjectEntry;
import io.inkwire.rados.ObjectStat;
import io.inkwire.rados.placement.ObjectPlacement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines the tools print, for fixed inputs: the formats Ceph 16.2's rados and ceph print. */
class ToolLinesTest {

    private static final ObjectPlacement P = new ObjectPlacement(13, 1, 0x5e6f4c1f, 7, List.of(0, 2), 0, List.of(2, 0), 2);

    @Test
    void osdMapPlainIsTheMonitorsLine() {
        assertEquals("osdmap e13 pool 'test' (1) object 'obj' -> pg 1.5e6f4c1f (1.7) -> up ([0,2], p0) acting ([2,0], p2)",
                OsdMapFormat.format("test", "", "obj", P, "plain"));
        assertEquals("osdmap e13 pool 'test' (1) object 'ns/obj' -> pg 1.5e6f4c1f (1.7) -> up ([0,2], p0) acting ([2,0], p2)",
                OsdMapFormat.format("test", "ns", "obj", P, "plain"));
    }

    @Test
    void osdMapJsonKeepsCephsFieldOrder() {
        assertEquals("{\"epoch\":13,\"pool\":\"test\",\"pool_id\":1,\"objname\":\"obj\",\"raw_pgid\":\"1.5e6f4c1f\",\"pgid\":\"1.7\","
                + "\"up\":[0,2],\"up_primary\":0,\"acting\":[2,0],\"acting_primary\":2}", OsdMapFormat.format("test", "", "obj", P, "json"));
    }

    @Test
    void osdMapJsonPrettyIsIndentedAsJsonFormatterDoes() {
        String pretty = OsdMapFormat.format("test", "", "obj", P, "json-pretty");
        assertEquals("""

                {
                    "epoch": 13,
                    "pool": "test",
                    "pool_id": 1,
                    "objname": "obj",
                    "raw_pgid": "1.5e6f4c1f",
                    "pgid": "1.7",
                    "up": [
                        0,
                        2
                    ],
                    "up_primary": 0,
                    "acting": [
                        2,
                        0
                    ],
                    "acting_primary": 2
                }""", pretty);
    }

    @Test
    void statLineHasSecondsAndUtcOffset() {
        assertEquals("test/obj mtime 2024-05-01T10:00:07.000000+0000, size 42",
                RadosTool.statLine("test/obj", new ObjectStat(42, Instant.parse("2024-05-01T10:00:07.123456Z"))));
    }

    @Test
    void listLinesCarryNamespaceAndLocatorWhereTheToolPrintsThem() {
        assertEquals("obj", RadosTool.listLine(new ObjectEntry("ns", "obj", ""), false));
        assertEquals("ns\tobj", RadosTool.listLine(new ObjectEntry("ns", "obj", ""), true));
        assertEquals("\tobj", RadosTool.listLine(new ObjectEntry("", "obj", ""), true));
        assertEquals("obj\tkey", RadosTool.listLine(new ObjectEntry("", "obj", "key"), false));
    }
}

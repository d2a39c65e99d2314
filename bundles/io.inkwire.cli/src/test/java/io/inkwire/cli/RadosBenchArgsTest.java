package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The bench command line as rados reads it: SECONDS with strtol, sizes with strict_iecstrtoll. */
class RadosBenchArgsTest {

    @Test
    void secondsAsStrtolWithNothingLeft() {
        assertEquals(10, RadosBenchCommand.seconds("10"));
        assertEquals(3, RadosBenchCommand.seconds(" +3"));
        assertEquals(-2, RadosBenchCommand.seconds("-2"));
        assertEquals(0, RadosBenchCommand.seconds(""), "strtol of nothing is 0 with nothing left over");
        assertNull(RadosBenchCommand.seconds("x"));
        assertNull(RadosBenchCommand.seconds("3s"));
        assertEquals(-1, RadosBenchCommand.seconds("99999999999999999999"), "strtol saturates to LONG_MAX, then int");
    }

    @Test
    void iecSizes() throws Exception {
        assertEquals(4096, IecSize.parse("4096", 0, Long.MAX_VALUE));
        assertEquals(4096, IecSize.parse("4K", 0, Long.MAX_VALUE));
        assertEquals(4096, IecSize.parse("4Ki", 0, Long.MAX_VALUE));
        assertEquals(4L << 20, IecSize.parse("4M", 0, Long.MAX_VALUE));
        assertEquals(1L << 30, IecSize.parse("1G", 0, Long.MAX_VALUE));
        assertEquals(12, IecSize.parse("12B", 0, Long.MAX_VALUE));
        assertEquals(-3, IecSize.parse("-3", Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void badSizesSayWhy() {
        assertEquals("strict_iecstrtoll: unit prefix not recognized",
                assertThrows(IecSize.InvalidException.class, () -> IecSize.parse("4X", 0, Long.MAX_VALUE)).getMessage());
        assertEquals("strict_iecstrtoll: illegal prefix (length > 2)",
                assertThrows(IecSize.InvalidException.class, () -> IecSize.parse("4KiB", 0, Long.MAX_VALUE)).getMessage());
        assertEquals("strict_iecstrtoll: value should not be negative",
                assertThrows(IecSize.InvalidException.class, () -> IecSize.parse("-1", 0, Long.MAX_VALUE)).getMessage());
        assertEquals("strict_iecstrtoll: value seems to be too large",
                assertThrows(IecSize.InvalidException.class, () -> IecSize.parse("5G", 0, 0xffffffffL)).getMessage());
        assertEquals("strict_iecstrtoll: value not specified",
                assertThrows(IecSize.InvalidException.class, () -> IecSize.parse("", 0, Long.MAX_VALUE)).getMessage());
        assertThrows(IecSize.InvalidException.class, () -> IecSize.parse("1-2", 0, Long.MAX_VALUE));
    }

    @Test
    void objectNamesAsObjBencher() {
        BenchObjectNames n = new BenchObjectNames("vm");
        assertEquals("benchmark_data_vm", n.prefixWithoutPid());
        assertEquals("benchmark_data_vm_18301", n.prefix(18301));
        assertEquals("benchmark_data_vm_18301_object8518", n.object(18301, 8518));
        BenchObjectNames longHost = new BenchObjectNames("h".repeat(40));
        assertEquals("benchmark_data_" + "h".repeat(29), longHost.prefixWithoutPid(), "gethostname into a 30-byte buffer");
    }
}

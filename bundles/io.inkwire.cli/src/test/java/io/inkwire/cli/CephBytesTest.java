package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** byte_u_t's rules ({@code src/include/types.h}): exact multiples bare, else the decimals that fit in 7 characters. */
class CephBytesTest {

    @Test
    void units_decimals_and_rounding_as_ceph_prints_them() {
        assertEquals("0 B", CephBytes.format(0));
        assertEquals("1023 B", CephBytes.format(1023));
        assertEquals("1 KiB", CephBytes.format(1024));
        assertEquals("1.5 KiB", CephBytes.format(1536));
        assertEquals("1.2 KiB", CephBytes.format(1280), "1.25 is a tie: printf rounds it to even");
        assertEquals("9.8 KiB", CephBytes.format(10_000));
        assertEquals("12 MiB", CephBytes.format(12_800_000));
        assertEquals("4 MiB", CephBytes.format(4 << 20));
        assertEquals("300 GiB", CephBytes.format(300L << 30));
        assertEquals("16 EiB", CephBytes.format(-1L), "2^64 - 1 as the uint64_t it is; no precision fits, so none");
    }

    @Test
    void a_table_pads_each_column_to_its_widest_cell_two_spaces_apart() {
        CephTextTable t = new CephTextTable().column("NAME", CephTextTable.Align.LEFT, CephTextTable.Align.LEFT)
                .column("USED", CephTextTable.Align.RIGHT, CephTextTable.Align.RIGHT);
        t.row("device_health_metrics", "0 B").row("test", "12 KiB");
        assertEquals("NAME                     USED\ndevice_health_metrics     0 B\ntest                   12 KiB\n", t.toString());
    }
}

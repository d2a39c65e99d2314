package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BenchMetadataTest {

    /** What rados bench 3 write -b 4096 --no-cleanup left in benchmark_last_metadata (10178 objects, pid 18301). */
    static final String FROM_RADOS = "0010000000000000c22700007d4700000010000000000000";

    @Test
    void decodesWhatRadosBenchWrote() {
        BenchMetadata md = BenchMetadata.decode(ByteBuffer.wrap(HexFormat.of().parseHex(FROM_RADOS))).orElseThrow();
        assertEquals(new BenchMetadata(4096, 10178, 18301, 4096), md);
        assertEquals(1, md.opsPerObject());
    }

    @Test
    void encodesTheSameBytes() {
        ByteBuffer b = new BenchMetadata(4096, 10178, 18301, 4096).encode();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        assertArrayEquals(HexFormat.of().parseHex(FROM_RADOS), a);
    }

    @Test
    void anOldRecordWithoutOpSizeUsesTheObjectSize() {
        ByteBuffer old = ByteBuffer.wrap(HexFormat.of().parseHex(FROM_RADOS.substring(0, 32)));
        assertEquals(new BenchMetadata(4096, 10178, 18301, 4096), BenchMetadata.decode(old).orElseThrow());
    }

    @Test
    void twoOpsPerObject() {
        assertEquals(2, new BenchMetadata(131072, 1762, 18911, 65536).opsPerObject());
    }

    @Test
    void whatNoBenchWritesIsRefused() {
        assertTrue(BenchMetadata.decode(ByteBuffer.wrap(new byte[15])).isEmpty(), "too short");
        assertTrue(BenchMetadata.decode(new BenchMetadata(4096, 1, 1, 8192).encode()).isEmpty(), "op larger than its object");
        assertTrue(BenchMetadata.decode(new BenchMetadata(-1, 1, 1, 4096).encode()).isEmpty(), "negative size");
        assertTrue(BenchMetadata.decode(new BenchMetadata(4096, -5, 1, 4096).encode()).isEmpty(), "negative count");
    }

    @Test
    void theDefaultName() {
        assertEquals("benchmark_last_metadata", BenchMetadata.name(null));
        assertEquals("benchmark_last_metadata", BenchMetadata.name(""));
        assertEquals("myrun", BenchMetadata.name("myrun"));
    }
}

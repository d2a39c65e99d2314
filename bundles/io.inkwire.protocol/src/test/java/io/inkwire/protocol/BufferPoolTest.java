package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void sizes_round_up_to_a_quarter_of_their_power_of_two() {
        assertEquals(64, BufferPool.classSize(0));
        assertEquals(64, BufferPool.classSize(64));
        assertEquals(80, BufferPool.classSize(65));
        assertEquals(4096, BufferPool.classSize(4096));
        assertEquals(5120, BufferPool.classSize(4097));
        assertEquals(5120, BufferPool.classSize(4096 + 41 + 4 + 13), "a 4 KiB message's crc remainder");
        assertEquals(5 << 20, BufferPool.classSize((4 << 20) + 62), "a 4 MiB one: 25 % over at most");
        for (int n = 1; n < 1 << 20; n = n * 3 / 2 + 1) {
            int c = BufferPool.classSize(n);
            assertTrue(c >= n && (n <= 64 || c <= n + n / 4 + 1), n + " -> " + c);
        }
    }

    @Test
    void a_released_array_is_handed_out_again_for_its_class() {
        BufferPool pool = new BufferPool(1 << 20);
        BufferPool.Lease a = pool.take(4200);
        ByteBuffer b = a.buffer();
        assertEquals(0, b.position());
        assertEquals(4200, b.limit());
        assertTrue(b.hasArray() && !b.isReadOnly());
        byte[] array = b.array();
        b.put(0, (byte) 7);
        assertEquals(1, pool.outstanding());
        a.release();
        assertEquals(0, pool.outstanding());
        assertEquals(5120, pool.retainedBytes());
        BufferPool.Lease again = pool.take(4500); // the same class
        assertSame(array, again.buffer().array(), "reused, not allocated");
        assertSame(a, again, "the lease is the pooled entry: taking a pooled array allocates nothing");
        assertEquals(4500, again.buffer().limit());
        assertEquals(7, again.buffer().get(0), "not zeroed: the reader overwrites what it uses");
        BufferPool.Lease other = pool.take(9000);
        assertTrue(other.buffer().array() != array, "another class, another array");
        assertEquals(0, pool.retainedBytes());
        assertEquals(3, pool.takenAndReused()[0], pool.toString());
        assertEquals(1, pool.takenAndReused()[1]);
        again.release();
        other.release();
    }

    @Test
    void a_lease_is_released_once() {
        BufferPool pool = new BufferPool(1 << 20);
        BufferPool.Lease a = pool.take(100);
        a.run();
        assertThrows(IllegalStateException.class, a::release);
        assertEquals(0, pool.outstanding());
        BufferPool.Lease again = pool.take(100);
        assertSame(a, again);
        again.release(); // a new use of the same entry is released once more
        assertThrows(IllegalStateException.class, again::release);
        assertEquals(0, pool.outstanding());
        assertEquals(112, pool.retainedBytes(), "given back once, not twice (100 B is the 112 B class)");
    }

    @Test
    void the_pool_keeps_no_more_than_its_limit() {
        BufferPool pool = new BufferPool(11_000);
        BufferPool.Lease a = pool.take(5000);
        BufferPool.Lease b = pool.take(5000);
        BufferPool.Lease c = pool.take(5000);
        a.release();
        b.release();
        c.release(); // 3 x 5120 > 11,000: the third is left to the garbage collector
        assertEquals(2 * 5120, pool.retainedBytes());
        assertEquals(0, pool.outstanding());
        BufferPool none = new BufferPool(0);
        none.take(10).release();
        assertEquals(0, none.retainedBytes(), "0 pools nothing");
    }

    @Test
    void outstanding_leases_are_counted_over_every_pool() {
        long before = BufferPool.outstandingEverywhere();
        BufferPool.Lease a = new BufferPool(1 << 20).take(10);
        BufferPool.Lease b = new BufferPool(1 << 20).take(10);
        assertEquals(before + 2, BufferPool.outstandingEverywhere());
        a.release();
        b.release();
        assertEquals(before, BufferPool.outstandingEverywhere());
    }
}

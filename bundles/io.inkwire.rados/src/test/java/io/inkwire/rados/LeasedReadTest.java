package io.inkwire.rados;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.RawMessage;
import io.inkwire.codec.osd.OsdOp;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ReadOp#readLeased}: the reply's buffer is held by the lease, and only until it is closed. */
class LeasedReadTest {

    private final AtomicInteger released = new AtomicInteger();

    /** A reply as the messenger hands one over: it holds one reference, which the dispatch drops when it returns. */
    private RawMessage reply(ByteBuffer data) {
        return RawMessage.builder(43).data(data).onRelease(released::incrementAndGet).build();
    }

    private static OsdOp replied(ByteBuffer output) {
        return new OsdOp(OsdOp.read(0, 0).op(), 0, new byte[28], ByteBuffer.allocate(0), output.remaining(), output);
    }

    @Test
    void the_lease_views_the_reply_and_keeps_it_until_closed() {
        ByteBuffer received = ByteBuffer.wrap("object bytes".getBytes(StandardCharsets.US_ASCII));
        RawMessage message = reply(received);
        ReadOp op = new ReadOp();
        OpSlot<LeasedBytes> slot = op.readLeased(0, 0);

        op.complete(List.of(replied(received.duplicate())), message);
        message.release(); // the messenger, after the dispatch
        assertEquals(0, released.get(), "the lease holds the receive buffer");

        LeasedBytes lease = slot.get();
        assertEquals(12, lease.length());
        assertEquals("object bytes", StandardCharsets.US_ASCII.decode(lease.data()).toString());
        received.put(0, (byte) 'O'); // no copy: the lease reads the receive buffer itself
        assertEquals('O', lease.data().get(0));
        assertThrows(ReadOnlyBufferException.class, () -> lease.data().put(0, (byte) 1));
        assertNotSame(lease.data(), lease.data());

        lease.close();
        assertEquals(1, released.get(), "closing gives the buffer back");
        lease.close();
        assertEquals(1, released.get(), "a second close does nothing");
        assertThrows(IllegalStateException.class, lease::data);
    }

    @Test
    void a_read_that_copies_lets_the_buffer_go_at_the_dispatch() {
        ByteBuffer received = ByteBuffer.wrap(new byte[] {1, 2, 3});
        RawMessage message = reply(received);
        ReadOp op = new ReadOp();
        ByteBuffer into = ByteBuffer.allocate(8);
        OpSlot<Integer> n = op.read(0, into);

        op.complete(List.of(replied(received.duplicate())), message);
        message.release();
        assertEquals(1, released.get());
        assertEquals(3, n.get());
        assertEquals(2, into.get(1));
    }

    @Test
    void without_the_reply_message_a_lease_holds_a_copy() {
        ByteBuffer received = ByteBuffer.wrap(new byte[] {7, 8});
        ReadOp op = new ReadOp();
        OpSlot<LeasedBytes> slot = op.readLeased(0, 0);
        op.complete(List.of(replied(received.duplicate())));
        received.put(0, (byte) 0);
        try (LeasedBytes lease = slot.get()) {
            assertEquals(7, lease.data().get(0));
        }
    }

    @Test
    void a_failed_read_op_makes_no_lease() {
        RawMessage message = reply(ByteBuffer.allocate(0));
        ReadOp op = new ReadOp();
        OpSlot<LeasedBytes> slot = op.readLeased(0, 0);
        op.complete(List.of(new OsdOp(OsdOp.read(0, 0).op(), 0, new byte[28], ByteBuffer.allocate(0), -2, ByteBuffer.allocate(0))), message);
        message.release();
        assertEquals(1, released.get());
        assertEquals(-2, slot.rval());
        assertTrue(assertThrows(IllegalStateException.class, slot::get).getMessage().contains("(2) No such file or directory"));
    }
}

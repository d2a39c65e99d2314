package io.inkwire.api.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reference count and the buffers of a {@link RawMessage}, as its class comment promises them. */
class RawMessageTest {

    @Test
    void the_owner_hears_the_last_release_once() {
        AtomicInteger returned = new AtomicInteger();
        RawMessage m = RawMessage.builder(1).data(new byte[] {1, 2, 3}).onRelease(returned::incrementAndGet).build();
        assertEquals(1, m.refCount(), "lent with one reference");
        assertSame(m, m.retain());
        assertEquals(2, m.refCount());
        assertFalse(m.release(), "one reference left");
        assertEquals(0, returned.get());
        assertTrue(m.release(), "the last one");
        assertEquals(1, returned.get());
        assertEquals(0, m.refCount());
        assertThrows(IllegalStateException.class, m::release);
        assertThrows(IllegalStateException.class, m::retain);
        assertEquals(1, returned.get(), "a wrong release does not return the buffers twice");
    }

    @Test
    void a_message_built_from_another_shares_its_count() {
        AtomicInteger returned = new AtomicInteger();
        RawMessage received = RawMessage.builder(10).tid(7).front(new byte[] {9}).data(new byte[] {1, 2}).onRelease(returned::incrementAndGet).build();
        RawMessage answer = received.toBuilder().type(11).build();
        assertEquals(11, answer.type());
        assertEquals(7, answer.tid());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}), answer.data());
        answer.retain(); // a messenger sending the answer
        assertTrue(!received.release(), "the dispatcher's reference: the answer still holds the buffers");
        assertEquals(0, returned.get());
        assertEquals(1, answer.refCount());
        assertTrue(answer.release(), "written: the last reference of both");
        assertEquals(1, returned.get());
        assertEquals(0, received.refCount());
    }

    @Test
    void a_message_given_its_own_owner_counts_on_its_own() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        RawMessage a = RawMessage.builder(1).onRelease(first::incrementAndGet).build();
        RawMessage b = a.toBuilder().onRelease(second::incrementAndGet).build();
        assertTrue(b.release());
        assertEquals(0, first.get());
        assertEquals(1, second.get());
        assertEquals(1, a.refCount());
    }

    @Test
    void a_copy_owns_its_bytes() {
        byte[] data = {1, 2, 3, 4};
        RawMessage m = RawMessage.builder(5).version(3).compatVersion(2).priority(RawMessage.CEPH_MSG_PRIO_HIGH).tid(8).seq(9).dataOff(4)
                .flags(1).front(new byte[] {7}).data(data).onRelease(() -> { }).build();
        RawMessage c = m.copy();
        m.release();
        data[0] = 42; // the buffers the original viewed change: the copy does not
        assertEquals(1, c.refCount());
        assertEquals(5, c.type());
        assertEquals(3, c.version());
        assertEquals(2, c.compatVersion());
        assertEquals(RawMessage.CEPH_MSG_PRIO_HIGH, c.priority());
        assertEquals(8, c.tid());
        assertEquals(9, c.seq());
        assertEquals(4, c.dataOff());
        assertEquals(1, c.flags());
        assertEquals(ByteBuffer.wrap(new byte[] {7}), c.front());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), c.data());
        assertEquals(0, c.middleLength());
        assertTrue(c.release(), "nobody else holds it");
    }

    @Test
    void views_are_read_only_and_independent_while_segments_are_the_callers_buffers() {
        ByteBuffer given = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5}, 1, 4); // bytes 1..4
        RawMessage m = RawMessage.builder(1).data(given).build();
        given.position(3); // the caller moving its buffer later does not move the message's segment
        ByteBuffer v = m.data();
        assertTrue(v.isReadOnly());
        assertEquals(4, v.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> v.put(0, (byte) 9));
        v.get();
        assertEquals(4, m.data().remaining(), "each view has its own position");

        ByteBuffer[] segments = new ByteBuffer[4];
        m.segments(segments, 1);
        assertEquals(0, segments[1].remaining());
        assertEquals(0, segments[2].remaining());
        assertFalse(segments[3].isReadOnly(), "a frame codec checksums the caller's array in place");
        assertTrue(segments[3].hasArray());
        assertEquals(4, segments[3].remaining());
        byte[] read = new byte[4];
        segments[3].duplicate().get(read);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, read);
        assertEquals(4, m.dataLength());
    }

    @Test
    void a_builder_views_a_segment_as_it_is_when_set_and_keeps_given_ones_and_a_messages_own() {
        ByteBuffer given = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5}, 1, 4);
        RawMessage.Builder b = RawMessage.builder(1).data(given);
        given.position(3); // after the setter: the view was taken when the segment was set
        RawMessage m = b.build();
        assertEquals(4, m.dataLength());

        ByteBuffer held = ByteBuffer.wrap(new byte[] {7, 8, 9});
        RawMessage asGiven = RawMessage.builder(1).segmentsAsGiven().front(held).build();
        ByteBuffer[] segments = new ByteBuffer[3];
        asGiven.segments(segments, 0);
        assertSame(held, segments[0], "a messenger's buffer is kept as it is");

        m.segments(segments, 0);
        ByteBuffer own = segments[2];
        RawMessage answer = m.toBuilder().tid(5).build();
        answer.segments(segments, 0);
        assertSame(own, segments[2], "an answer built from a message holds that message's own buffer, no view of it");
        assertEquals(5, answer.tid());
        assertEquals(4, answer.dataLength());
    }

    @Test
    void a_type_outside_u16_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> RawMessage.builder(0x10000));
        assertThrows(IllegalArgumentException.class, () -> RawMessage.builder(1).type(-1));
    }

    @Test
    void header_fields_keep_their_whole_wire_range_and_nothing_past_it() {
        RawMessage m = RawMessage.builder(0xffff).version(0xffff).compatVersion(0x8001).priority(255).dataOff(0xfffe)
                .flags(0xff).tid(-1L).seq(Long.MIN_VALUE).build();
        assertEquals(0xffff, m.type(), "read back unsigned");
        assertEquals(0xffff, m.version());
        assertEquals(0x8001, m.compatVersion());
        assertEquals(255, m.priority());
        assertEquals(0xfffe, m.dataOff());
        assertEquals(0xff, m.flags());
        assertEquals(-1L, m.tid());
        assertEquals(Long.MIN_VALUE, m.seq());
        assertEquals(0x8001, m.toBuilder().build().compatVersion());
        assertEquals(0xffff, m.copy().version());
        assertEquals(7, RawMessage.builder(1).version(7).build().compatVersion(), "0 is the version");
        assertThrows(IllegalArgumentException.class, () -> RawMessage.builder(1).version(0x10000));
        assertThrows(IllegalArgumentException.class, () -> RawMessage.builder(1).compatVersion(-1));
        assertThrows(IllegalArgumentException.class, () -> RawMessage.builder(1).dataOff(0x10000));
        assertThrows(IllegalArgumentException.class, () -> RawMessage.builder(1).flags(0x100));
        assertThrows(IndexOutOfBoundsException.class, () -> RawMessage.builder(1).priority(256).build());
    }
}

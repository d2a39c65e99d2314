package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.IntegrityException;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import io.inkwire.protocol.EngineHarness.Endpoint;
import io.inkwire.protocol.Peers.Peer;
import io.inkwire.protocol.Peers.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Who holds the buffers, in the engines: a received message's payload is read into a pooled buffer
 * that the message gives back on its last release, and every way a payload can fail to become a
 * message gives it back too; a sent message is held by its session until written (lossy) or
 * acknowledged (lossless) and released then.
 */
class ReceivedBufferOwnershipTest {

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** A lossy msgr2 pair, both ends reading into the engines' buffers. */
    private static Endpoint[] ready() {
        Endpoint c = EngineHarness.connector(EngineHarness.options(), 1);
        Endpoint a = EngineHarness.acceptor(EngineHarness.options(), 2);
        c.pooled = true;
        a.pooled = true;
        c.engine.start();
        a.engine.start();
        EngineHarness.pump(c, a);
        assertTrue(c.engine.isReady() && a.engine.isReady());
        return new Endpoint[] {c, a};
    }

    @Test
    void msgr2_payloads_land_in_pooled_buffers_that_the_messages_give_back() {
        Endpoint[] e = ready();
        Endpoint c = e[0];
        Endpoint a = e[1];
        BufferPool pool = a.core.receiveBuffers();
        byte[][] sent = {random(4096, 1), random(10, 2), random(70_000, 3)};
        for (byte[] s : sent) {
            c.engine.send(RawMessage.builder(0x7300).front(new byte[] {1, 2, 3}).data(s).build());
        }
        EngineHarness.pump(c, a);
        assertEquals(3, a.listener.messages.size());
        assertEquals(3, pool.outstanding(), "each message holds its receive buffer");
        for (int i = 0; i < sent.length; i++) {
            RawMessage m = a.listener.messages.get(i);
            assertArrayEquals(sent[i], bytes(m.data()));
            assertArrayEquals(new byte[] {1, 2, 3}, bytes(m.front()));
            assertTrue(m.release(), "the listener's reference is the only one");
        }
        assertEquals(0, pool.outstanding());
        assertTrue(pool.retainedBytes() > 70_000, pool.toString());

        a.listener.messages.clear();
        for (byte[] s : sent) {
            c.engine.send(RawMessage.builder(0x7300).front(new byte[] {1, 2, 3}).data(s).build());
        }
        EngineHarness.pump(c, a);
        assertEquals(3, pool.takenAndReused()[1], "the second round reads into the first round's arrays: " + pool);
        for (int i = 0; i < sent.length; i++) {
            assertArrayEquals(sent[i], bytes(a.listener.messages.get(i).data()));
            a.listener.messages.get(i).release();
        }
        assertEquals(0, pool.outstanding());
    }

    @Test
    void a_corrupt_payload_gives_its_buffer_back() {
        Endpoint[] e = ready();
        Endpoint c = e[0];
        Endpoint a = e[1];
        c.engine.send(RawMessage.builder(0x7300).data(random(5000, 4)).build());
        byte[] wire = c.drain();
        wire[wire.length - 20] ^= 1; // in the data segment, before the 13-byte epilogue that carries its crc
        a.feed(wire);
        assertTrue(a.engine.isClosed());
        assertInstanceOf(IntegrityException.class, a.listener.closedCause);
        assertEquals(0, a.listener.messages.size());
        assertEquals(0, a.core.receiveBuffers().outstanding());
    }

    @Test
    void a_read_cut_short_gives_its_buffer_back_through_the_transport() {
        Endpoint[] e = ready();
        Endpoint c = e[0];
        Endpoint a = e[1];
        c.engine.send(RawMessage.builder(0x7300).data(random(5000, 5)).build());
        byte[] wire = c.drain();
        a.feed(Arrays.copyOf(wire, 32 + 2000)); // the preamble and part of the remainder
        BufferPool pool = a.core.receiveBuffers();
        assertEquals(1, pool.outstanding(), "the remainder is being read into a pooled buffer");
        a.engine.onTransportClosed(new java.io.IOException("cut"));
        assertEquals(1, pool.outstanding(), "closing the engine leaves the buffer to the transport, which may still be copying into it");
        a.abandonRead();
        assertEquals(0, pool.outstanding());
    }

    @Test
    void msgr1_payloads_are_pooled_too() {
        V1Harness.Endpoint c = V1Harness.connector(V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("none")),
                V1Harness.MON_V1, EntityType.MON, 21);
        V1Harness.Endpoint m = V1Harness.acceptor(V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("none")), V1Harness.MON_V1, 22);
        c.pooled = true;
        m.pooled = true;
        c.engine.start();
        m.engine.start();
        V1Harness.pump(c, m);
        assertTrue(m.engine.isReady());
        byte[] data = random(9000, 6);
        c.engine.send(RawMessage.builder(51).front(new byte[] {9}).data(data).build());
        V1Harness.pump(c, m);
        BufferPool pool = m.core.receiveBuffers();
        assertEquals(1, pool.outstanding());
        RawMessage got = m.listener.messages.get(0);
        assertArrayEquals(data, bytes(got.data()));
        assertArrayEquals(new byte[] {9}, bytes(got.front()));
        got.release();
        assertEquals(0, pool.outstanding());

        c.engine.send(RawMessage.builder(51).data(random(100, 7)).build());
        byte[] wire = c.drain();
        wire[wire.length - 30] ^= 1; // in the data: the footer's data crc no longer matches
        m.feed(wire);
        assertTrue(m.engine.isClosed());
        assertEquals(0, pool.outstanding(), "the payload of a message that failed its crc went back");
    }

    @Test
    void a_lossy_session_holds_what_it_sends_until_it_was_written() {
        Endpoint[] e = ready();
        AtomicInteger returned = new AtomicInteger();
        RawMessage m = RawMessage.builder(0x7300).data(random(100, 8)).onRelease(returned::incrementAndGet).build();
        e[0].engine.send(m);
        assertEquals(1, m.refCount(), "written at once and released: the caller's reference is left");
        assertTrue(m.release());
        assertEquals(1, returned.get());
    }

    @Test
    void a_lossless_session_holds_what_it_sends_until_the_peer_acknowledged_it() {
        Peer x = new Peer("0", 6800, ConnectionPolicy.losslessPeer());
        Peer y = new Peer("1", 6801, ConnectionPolicy.losslessPeer());
        x.dial(y);
        Socket s = Peers.socket(x, y, 1);
        Peers.pumpAll(s);
        assertTrue(s.c().engine.isReady());
        RawMessage m = Peers.message("kept for a resend");
        s.c().engine.send(m);
        Peers.pumpAll(s);
        assertEquals(1, s.a().listener.messages.size());
        assertEquals(2, m.refCount(), "sent, not yet acknowledged: the session holds it");
        s.a().engine.ackIfNeeded();
        Peers.pumpAll(s);
        assertEquals(1, m.refCount(), "acknowledged: released");

        RawMessage unacked = Peers.message("in flight when the socket is cut");
        s.c().engine.send(unacked);
        s.cut();
        assertEquals(2, unacked.refCount(), "requeued for the next socket, still held");
        synchronized (x.session) {
            x.session.close(x.core, null);
        }
        assertEquals(1, unacked.refCount(), "the session ended: dropped and released");
    }
}

package io.inkwire.protocol;

import static io.inkwire.protocol.Peers.framesOf;
import static io.inkwire.protocol.Peers.pumpAll;
import static io.inkwire.protocol.Peers.socket;
import static io.inkwire.protocol.Peers.untilIdentsCross;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.Role;
import io.inkwire.protocol.Peers.Peer;
import io.inkwire.protocol.Peers.Socket;
import io.inkwire.wire.frame.ClientIdentFrame;
import io.inkwire.wire.frame.SessionReconnectFrame;
import io.inkwire.wire.frame.SessionReconnectOkFrame;
import io.inkwire.wire.frame.WaitFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two lossless peers that dial each other at the same moment (msgr2-wire.md §10.2–10.3, Ceph's
 * {@code handle_existing_connection} and {@code handle_reconnect}): the attempt from the lower
 * address wins, the other gets WAIT, and one socket ends up carrying the one session each side
 * has, with nothing lost or delivered twice. Every interleaving is driven explicitly.
 */
class ConnectionRaceTest {

    /** X listens on the lower address, Y on the higher. */
    private final Peer x = new Peer("0", 6800, ConnectionPolicy.losslessPeerReuse());
    private final Peer y = new Peer("1", 6801, ConnectionPolicy.losslessPeerReuse());

    /** In which order the crossing identifications (and the WAIT) reach their acceptors. */
    enum Order {
        /** Y's acceptor takes X's attempt first, then X's acceptor reads Y's attempt, already abandoned. */
        LOWER_FIRST,
        /** X's acceptor answers Y's attempt with WAIT first; then Y's acceptor takes X's attempt before Y reads the WAIT. */
        HIGHER_FIRST,
        /** Y's connector reads the WAIT (a fault that keeps the session) before Y's acceptor takes X's attempt. */
        WAIT_READ_FIRST
    }

    /** The two cross-dialed sockets: s1 from X (the winner), s2 from Y. */
    private Socket s1;
    private Socket s2;

    private void crossDial(Order order) {
        x.dial(y);
        y.dial(x);
        x.queue("x1", "x2", "x3");
        y.queue("y1", "y2");
        s1 = socket(x, y, 11);
        s2 = socket(y, x, 21);
        untilIdentsCross(s1, s2);
        switch (order) {
            case LOWER_FIRST -> {
                s1.toAcceptor();
                s2.toAcceptor();
            }
            case HIGHER_FIRST -> {
                s2.toAcceptor();
                s1.toAcceptor();
            }
            case WAIT_READ_FIRST -> {
                s2.toAcceptor();
                s2.toConnector();
                assertTrue(((ProtocolV2) s2.c().engine).waitRequested(), "Y's connector was told to WAIT");
                assertEquals(1, y.listener.faults, "WAIT is a fault of the socket, not of the session");
                assertFalse(y.session.isClosed());
                s1.toAcceptor();
            }
            default -> throw new AssertionError(order);
        }
        pumpAll(s1, s2);
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void crossing_client_idents_end_as_one_session_on_the_lower_address_socket(Order order) throws Exception {
        crossDial(order);

        // X's acceptor told Y to WAIT: X's own attempt is the one that counts
        assertEquals(1, framesOf(s2.a(), WaitFrame.class).size(), "X answered Y's CLIENT_IDENT with WAIT");
        assertEquals(1, framesOf(s2.c(), ClientIdentFrame.class).size(), "Y did send its CLIENT_IDENT");
        // Y's acceptor gave X's socket the session Y was dialing
        assertSame(y.session, s1.a().engine.session(), "Y's session moved to the socket X dialed");
        assertTrue(s1.c().engine.isReady() && s1.a().engine.isReady());
        assertEquals(Role.CONNECTOR, s1.c().engine.info().role());
        assertEquals(Role.ACCEPTOR, s1.a().engine.info().role());
        assertTrue(s2.c().engine.isClosed() && s2.a().engine.isClosed(), "the losing socket is gone");
        assertEquals(1, s1.a().listener.discarded, "Y's provisional session for X's socket was dropped for the existing one");
        assertEquals(1, s2.a().listener.closedCalls);
        assertNull(s2.a().listener.closedCause, "the loser's socket ends quietly at X");
        assertNull(s2.a().listener.ready);

        // each application saw its one session come up once
        assertNotNull(x.listener.ready);
        assertNotNull(y.listener.ready);
        assertEquals(0, x.listener.closedCalls + y.listener.closedCalls + x.listener.remoteResets + y.listener.remoteResets);
        assertEquals(1, x.core.sessions().size());
        assertEquals(1, y.core.sessions().size());

        // what both queued while dialing crossed exactly once, in order, and the session carries more
        assertEquals(List.of("x1", "x2", "x3"), y.received());
        assertEquals(List.of("y1", "y2"), x.received());
        s1.c().engine.send(Peers.message("x4"));
        s1.a().engine.send(Peers.message("y3"));
        pumpAll(s1);
        assertEquals(List.of("x1", "x2", "x3", "x4"), y.received());
        assertEquals(List.of("y1", "y2", "y3"), x.received());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = {"LOWER_FIRST", "WAIT_READ_FIRST"})
    void crossing_reconnects_resume_on_the_lower_address_attempt_and_the_higher_one_waits(Order order) throws Exception {
        crossDial(Order.LOWER_FIRST);
        // the one socket fails; both peers may dial (lossless peers, not servers), and both do at once
        s1.cut();
        assertEquals(1, x.listener.faults);
        assertEquals(1, y.listener.faults);
        x.queue("x4", "x5");
        y.queue("y3");
        Socket s3 = socket(x, y, 31);
        Socket s4 = socket(y, x, 41);
        untilIdentsCross(s3, s4);
        SessionReconnectFrame fromX = framesOf(s3.c(), SessionReconnectFrame.class).get(0);
        SessionReconnectFrame fromY = framesOf(s4.c(), SessionReconnectFrame.class).get(0);
        assertEquals(fromX.connectSeq(), fromY.connectSeq(), "both reconnect with the same connect_seq: a reconnect race");
        if (order == Order.LOWER_FIRST) {
            s3.toAcceptor();
            s4.toAcceptor();
        } else {
            s4.toAcceptor();
            s4.toConnector();
            assertTrue(((ProtocolV2) s4.c().engine).waitRequested());
            s3.toAcceptor();
        }
        pumpAll(s3, s4);

        assertEquals(1, framesOf(s4.a(), WaitFrame.class).size(), "X told the higher address to WAIT");
        assertEquals(1, framesOf(s3.a(), SessionReconnectOkFrame.class).size(), "Y resumed the session on X's socket");
        assertSame(y.session, s3.a().engine.session());
        assertTrue(s3.c().engine.isReady() && s3.a().engine.isReady());
        assertTrue(s4.c().engine.isClosed() && s4.a().engine.isClosed());
        assertEquals(1, x.listener.resumes);
        assertEquals(1, y.listener.resumes);
        assertEquals(0, x.listener.remoteResets + y.listener.remoteResets + x.listener.closedCalls + y.listener.closedCalls);
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5"), y.received());
        assertEquals(List.of("y1", "y2", "y3"), x.received());
    }

    @Test
    void an_older_client_ident_of_the_peer_is_dropped_quietly() throws Exception {
        // Y opens a session with X; then an attempt Y made earlier (a lower global_seq) arrives late
        y.core.advanceGlobalSeq(100);
        y.dial(x);
        Socket fresh = socket(y, x, 51);
        pumpAll(fresh);
        assertTrue(fresh.a().engine.isReady());
        Session atX = fresh.a().engine.session();
        long gs = atX.peerGlobalSeq;

        Peer ghost = new Peer("1", 6801, ConnectionPolicy.losslessPeerReuse()); // Y's identity and addresses, its counters from before
        ghost.core.setMyAddrs(io.inkwire.api.addr.EntityAddrVec.of(y.addr));
        ghost.dial(x);
        Socket late = socket(ghost, x, 61);
        ghost.session.clientCookie = y.session.clientCookie; // the same session, an older attempt
        untilIdentsCross(late);
        ClientIdentFrame ident = framesOf(late.c(), ClientIdentFrame.class).get(0);
        assertTrue(ident.globalSeq() < gs, "the late attempt carries an older global_seq");
        pumpAll(late);

        assertTrue(late.a().engine.isClosed(), "the stale attempt is dropped");
        assertNull(late.a().listener.closedCause);
        assertSame(atX, fresh.a().engine.session());
        assertTrue(fresh.a().engine.isReady(), "the session it lost to is untouched");
        assertEquals(1, x.core.sessions().size());
    }
}

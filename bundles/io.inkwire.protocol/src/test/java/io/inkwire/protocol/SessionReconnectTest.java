package io.inkwire.protocol;

import static io.inkwire.protocol.Peers.framesOf;
import static io.inkwire.protocol.Peers.pumpAll;
import static io.inkwire.protocol.Peers.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ConnectionPolicy;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.protocol.Peers.Peer;
import io.inkwire.protocol.Peers.Socket;
import io.inkwire.wire.frame.ClientIdentFrame;
import io.inkwire.wire.frame.SessionReconnectFrame;
import io.inkwire.wire.frame.SessionReconnectOkFrame;
import io.inkwire.wire.frame.SessionResetFrame;
import io.inkwire.wire.frame.SessionRetryFrame;
import io.inkwire.wire.frame.SessionRetryGlobalFrame;
import io.inkwire.wire.frame.ServerIdentFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The acceptor's answers to SESSION_RECONNECT and to a CLIENT_IDENT from a peer it has a session
 * with (Ceph's {@code handle_reconnect} / {@code handle_existing_connection}), and the connector's
 * reaction to each, on a lossless session between two OSDs. X dials Y.
 */
class SessionReconnectTest {

    private final Peer x = new Peer("0", 6800, ConnectionPolicy.losslessPeerReuse());
    private final Peer y = new Peer("1", 6801, ConnectionPolicy.losslessPeerReuse());
    /** Y's side of the session X opened, and who hears its events. */
    private Session atY;
    private RecordingListener yListener;

    private Socket establish() {
        x.dial(y);
        Socket s = socket(x, y, 1);
        pumpAll(s);
        assertTrue(s.c().engine.isReady() && s.a().engine.isReady());
        atY = s.a().engine.session();
        yListener = s.a().listener;
        return s;
    }

    private static List<String> texts(RecordingListener l) {
        return l.messages.stream().map(Peers::text).toList();
    }

    @Test
    void session_retry_raises_connect_seq_past_the_acceptors() throws Exception {
        Socket s = establish();
        s.cut();
        atY.connectSeq = 5; // the session already resumed under connect_seq 5 (an attempt of X this socket knows nothing of)
        x.queue("after-cut");
        Socket r = socket(x, y, 2);
        pumpAll(r);

        assertEquals(List.of(new SessionRetryFrame(5)), framesOf(r.a(), SessionRetryFrame.class));
        List<SessionReconnectFrame> tries = framesOf(r.c(), SessionReconnectFrame.class);
        assertEquals(2, tries.size());
        assertEquals(1, tries.get(0).connectSeq());
        assertEquals(6, tries.get(1).connectSeq(), "connect_seq = retry + 1");
        assertEquals(1, framesOf(r.a(), SessionReconnectOkFrame.class).size());
        assertEquals(6, atY.connectSeq);
        assertEquals(1, x.listener.resumes);
        assertEquals(List.of("after-cut"), texts(yListener));
    }

    @Test
    void session_retry_global_makes_the_connector_draw_a_global_seq_past_the_one_seen() throws Exception {
        Socket s = establish();
        s.cut();
        atY.peerGlobalSeq = 1000; // Y has seen a newer attempt of X than the one about to come
        Socket r = socket(x, y, 2);
        pumpAll(r);

        assertEquals(List.of(new SessionRetryGlobalFrame(1000)), framesOf(r.a(), SessionRetryGlobalFrame.class));
        List<SessionReconnectFrame> tries = framesOf(r.c(), SessionReconnectFrame.class);
        assertEquals(2, tries.size());
        assertTrue(tries.get(0).globalSeq() < 1000);
        assertTrue(tries.get(1).globalSeq() > 1000, "global_seq " + tries.get(1).globalSeq());
        assertEquals(tries.get(0).connectSeq(), tries.get(1).connectSeq(), "connect_seq unchanged");
        assertTrue(r.c().engine.isReady() && r.a().engine.isReady());
        assertSame(atY, r.a().engine.session());
    }

    @Test
    void session_reset_full_when_the_acceptor_forgot_the_session_drops_what_was_queued() throws Exception {
        Socket s = establish();
        s.c().engine.send(Peers.message("before"));
        pumpAll(s);
        assertEquals(List.of("before"), texts(yListener));
        s.cut();
        CompletableFuture<Void> lost = new CompletableFuture<>();
        x.session.queue(Peers.message("lost"), lost);
        long oldCookie = x.session.clientCookie;

        Peer restarted = new Peer("1", 6801, ConnectionPolicy.losslessPeerReuse()); // Y after a restart: same address, no sessions
        restarted.core.setMyAddrs(EntityAddrVec.of(y.addr));
        Socket r = socket(x, restarted, 2);
        pumpAll(r);

        assertEquals(List.of(new SessionResetFrame(true)), framesOf(r.a(), SessionResetFrame.class));
        assertEquals(1, x.listener.remoteResets, "X's application hears the peer forgot the session");
        assertTrue(lost.isCompletedExceptionally(), "the dropped message's sender hears so");
        ClientIdentFrame ident = framesOf(r.c(), ClientIdentFrame.class).get(0);
        assertNotEquals(oldCookie, ident.clientCookie(), "a new session, a new client cookie");
        assertTrue(r.c().engine.isReady() && r.a().engine.isReady());
        assertEquals(List.of(), texts(r.a().listener), "nothing of the old session arrives");
        r.c().engine.send(Peers.message("new"));
        pumpAll(r);
        assertEquals(List.of("new"), texts(r.a().listener));
        assertEquals(1, r.a().listener.messages.get(0).seq(), "sequence numbers start over");
    }

    @Test
    void session_reset_partial_when_the_acceptor_never_saw_server_ident_keeps_the_queue() throws Exception {
        // the race Ceph's handle_reconnect describes: X dials Y, Y (dialing X too) takes X's socket for its
        // session and sends SERVER_IDENT, the socket dies before X reads it, then Y reconnects to X
        x.dial(y);
        y.dial(x);
        x.queue("x1");
        y.queue("y1");
        Socket s1 = socket(x, y, 1);
        while (!s1.a().engine.isReady()) { // until Y read CLIENT_IDENT and answered SERVER_IDENT and "y1", which X will never read
            s1.toConnector();
            s1.toAcceptor();
        }
        assertEquals(1, framesOf(s1.a(), ServerIdentFrame.class).size());
        assertSame(y.session, s1.a().engine.session());
        s1.cut();
        assertEquals(0, x.session.serverCookie, "X never learnt the server cookie");

        Socket s2 = socket(y, x, 2);
        pumpAll(s2);

        assertEquals(List.of(new SessionResetFrame(false)), framesOf(s2.a(), SessionResetFrame.class));
        ClientIdentFrame ident = framesOf(s2.c(), ClientIdentFrame.class).get(0);
        assertEquals(x.session.clientCookie, ident.clientCookie(), "the same session, establishment resumed");
        assertSame(x.session, s2.a().engine.session(), "X's session continues on the socket Y dialed");
        assertTrue(s2.c().engine.isReady() && s2.a().engine.isReady());
        assertEquals(0, x.listener.remoteResets + y.listener.remoteResets);
        assertEquals(List.of("y1"), x.received());
        assertEquals(List.of("x1"), y.received());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_peer_that_comes_back_with_another_client_cookie_restarted(boolean resetcheck) throws Exception {
        Peer x0 = new Peer("0", 6800, ConnectionPolicy.losslessPeerReuse());
        Peer y0 = new Peer("1", 6801, new ConnectionPolicy(false, false, true, resetcheck));
        x0.dial(y0);
        Socket s = socket(x0, y0, 1);
        pumpAll(s);
        Session session = s.a().engine.session();
        RecordingListener app = s.a().listener;
        s.a().engine.send(Peers.message("pending")); // written to the old socket, never read, never acknowledged

        Peer again = new Peer("0", 6800, ConnectionPolicy.losslessPeerReuse()); // X restarted: same address, new session
        again.core.setMyAddrs(EntityAddrVec.of(x0.addr));
        again.dial(y0);
        Socket r = socket(again, y0, 2);
        pumpAll(r);

        assertNotEquals(x0.session.clientCookie, again.session.clientCookie);
        assertSame(session, r.a().engine.session(), "Y reuses its session with X for the new socket");
        assertTrue(s.a().engine.isClosed(), "the old socket is retired");
        assertEquals(1, y0.core.sessions().size());
        assertEquals(1, r.a().listener.discarded);
        assertEquals(again.session.clientCookie, session.clientCookie);
        assertTrue(r.c().engine.isReady() && r.a().engine.isReady());
        assertEquals(0, app.closedCalls);
        if (resetcheck) {
            assertEquals(1, app.remoteResets, "resetcheck: the old session's state is dropped");
            assertEquals(List.of(), again.received());
        } else {
            assertEquals(0, app.remoteResets);
            assertEquals(List.of("pending"), again.received(), "without resetcheck the queue goes to the new peer");
        }
        r.a().engine.send(Peers.message("hello"));
        r.c().engine.send(Peers.message("hi"));
        pumpAll(r);
        assertEquals(List.of("hi"), texts(app));
        assertTrue(again.received().contains("hello"));
    }
}

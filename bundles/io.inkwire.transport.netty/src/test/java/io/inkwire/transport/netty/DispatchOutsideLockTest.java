package io.inkwire.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.message.RawMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An application that holds its own lock while calling into a connection, and takes the same lock
 * in its dispatcher, must not deadlock with the I/O thread: the dispatcher runs outside the
 * session's lock and {@code send}, {@code isOpen}, {@code keepalive} never wait for it.
 */
class DispatchOutsideLockTest {

    @Test
    void sending_while_holding_the_lock_the_dispatcher_waits_for_does_not_deadlock() throws Exception {
        Object appLock = new Object();
        CountDownLatch dispatcherEntered = new CountDownLatch(1);
        BlockingQueue<Long> replies = new LinkedBlockingQueue<>();
        Thread[] ioThread = new Thread[1];
        Dispatcher app = (c, m) -> {
            ioThread[0] = Thread.currentThread();
            dispatcherEntered.countDown();
            synchronized (appLock) {
                replies.add(m.tid());
            }
        };
        Dispatcher echo = (c, m) -> c.send(RawMessage.builder(m.type()).tid(m.tid()).build());
        ExecutorService appThread = daemonThread();
        Messenger server = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(new EntityName(EntityType.MON, "a"), echo).build());
        Messenger client = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, app).build());
        boolean deadlocked = true;
        try {
            EntityAddr target = server.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection c = client.connect(target, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);

            Future<Boolean> underLock = appThread.submit(() -> {
                synchronized (appLock) {
                    c.send(RawMessage.builder(1000).tid(1).build());
                    // the reply's dispatch now waits for appLock on the I/O thread
                    assertTrue(dispatcherEntered.await(10, TimeUnit.SECONDS), "the reply was dispatched");
                    while (ioThread[0].getState() != Thread.State.BLOCKED) {
                        Thread.onSpinWait();
                    }
                    // each of these waited for the session's lock, which the I/O thread held while it dispatched
                    c.send(RawMessage.builder(1000).tid(2).build());
                    c.keepalive();
                    return c.isOpen();
                }
            });
            assertTrue(underLock.get(10, TimeUnit.SECONDS), "calls into the connection returned while its dispatcher was blocked");
            assertEquals(1L, replies.poll(10, TimeUnit.SECONDS));
            assertEquals(2L, replies.poll(10, TimeUnit.SECONDS), "the message sent under the lock went out and came back");
            deadlocked = false;
        } finally {
            appThread.shutdownNow();
            if (!deadlocked) { // closing a deadlocked messenger would wait for its stuck I/O thread
                client.close();
                server.close();
            }
        }
    }

    @Test
    void a_send_future_callback_that_takes_the_application_lock_does_not_deadlock_a_sender_holding_it() throws Exception {
        Object appLock = new Object();
        BlockingQueue<Long> atServer = new LinkedBlockingQueue<>();
        Dispatcher server = (c, m) -> atServer.add(m.tid());
        ExecutorService appThread = daemonThread();
        Messenger s = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(new EntityName(EntityType.MON, "a"), server).build());
        Messenger client = new NettyMessengerFactory().create(LoopbackHandshakeTest.config(EntityName.CLIENT_ADMIN, (c, m) -> { }).build());
        boolean deadlocked = true;
        try {
            EntityAddr target = s.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).get(0);
            Connection c = client.connect(target, EntityType.MON).toCompletableFuture().get(10, TimeUnit.SECONDS);
            CountDownLatch callbacks = new CountDownLatch(200);
            Future<Boolean> underLock = appThread.submit(() -> {
                synchronized (appLock) {
                    // the completions run on the I/O thread and block on appLock until we let go; the sends must not wait for them
                    for (int i = 1; i <= 200; i++) {
                        c.send(RawMessage.builder(1000).tid(i).build()).whenComplete((v, t) -> {
                            synchronized (appLock) {
                                callbacks.countDown();
                            }
                        });
                        if (i == 100) {
                            atServer.poll(10, TimeUnit.SECONDS); // the first ones went out: their callbacks are waiting for us
                        }
                    }
                    return c.isOpen();
                }
            });
            assertTrue(underLock.get(10, TimeUnit.SECONDS), "sends returned while completions waited for the application's lock");
            assertTrue(callbacks.await(10, TimeUnit.SECONDS));
            for (long i = 2; i <= 200; i++) {
                assertEquals(i, atServer.poll(10, TimeUnit.SECONDS));
            }
            deadlocked = false;
        } finally {
            appThread.shutdownNow();
            if (!deadlocked) {
                client.close();
                s.close();
            }
        }
    }

    private static ExecutorService daemonThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "app-thread");
            t.setDaemon(true); // a deadlocked run must fail, not keep the test JVM alive
            return t;
        });
    }
}

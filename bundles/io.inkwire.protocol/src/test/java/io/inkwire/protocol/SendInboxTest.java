package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.message.RawMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The lock-free inbox of a connection's sends: every entry comes out once, each sender's in its order. */
class SendInboxTest {

    private static Session.Outgoing entry(int sender, long n) {
        return new Session.Outgoing(RawMessage.builder(sender).tid(n).build());
    }

    @Test
    void entries_come_out_oldest_first_and_unlinked() {
        SendInbox inbox = new SendInbox();
        assertNull(inbox.takeAll());
        for (long n = 1; n <= 3; n++) {
            inbox.add(entry(1, n));
        }
        List<Long> seen = new ArrayList<>();
        Session.Outgoing o = inbox.takeAll();
        while (o != null) {
            Session.Outgoing next = SendInbox.next(o);
            assertNull(o.next, "unlinked once walked past");
            seen.add(o.message.tid());
            o = next;
        }
        assertEquals(List.of(1L, 2L, 3L), seen);
        assertNull(inbox.takeAll(), "emptied");
    }

    @Test
    void four_senders_and_one_taker_lose_nothing_and_keep_each_senders_order() throws Exception {
        SendInbox inbox = new SendInbox();
        int senders = 4;
        int each = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 1; s <= senders; s++) {
            int sender = s;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long n = 1; n <= each; n++) {
                    inbox.add(entry(sender, n));
                }
            });
            t.start();
            threads.add(t);
        }
        long[] last = new long[senders + 1];
        int taken = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        go.countDown();
        while (taken < senders * each) {
            for (Session.Outgoing o = inbox.takeAll(); o != null; o = SendInbox.next(o)) {
                int sender = o.message.type();
                long n = o.message.tid();
                assertEquals(last[sender] + 1, n, "sender " + sender + "'s entries in its order, none twice or lost");
                last[sender] = n;
                taken++;
            }
            assertTrue(System.nanoTime() < deadline, "taken " + taken + " of " + senders * each);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(inbox.takeAll(), "nothing more than was added");
        assertEquals(senders * each, taken);
    }
}

package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * MAuth negotiations of one messenger that overlap, as when it opens monitor sessions to several
 * addresses at once: the second must not present the first one's fresh ticket while claiming
 * global_id 0, which the monitor refuses as a superfluous ticket.
 */
class MonAuthOverMessagesTest {

    @Test
    void two_overlapping_negotiations_of_one_messenger_both_succeed() throws Exception {
        try (MessengerCore client = V1Harness.core(EntityName.CLIENT_ADMIN, V1Harness.options("cephx"));
             MessengerCore mon = V1Harness.core(EntityName.parse("mon.a"), V1Harness.options("cephx"));
             MonAuthOverMessages first = new MonAuthOverMessages(client);
             MonAuthOverMessages second = new MonAuthOverMessages(client);
             MonAuthServerOverMessages firstAtMon = new MonAuthServerOverMessages(mon, EntityType.CLIENT);
             MonAuthServerOverMessages secondAtMon = new MonAuthServerOverMessages(mon, EntityType.CLIENT)) {
            MonAuthOverMessages.Request a = first.start();
            MonAuthOverMessages.Request b = second.start(); // both MAuths leave before either reply comes back
            run(first, firstAtMon, a);
            assertTrue(client.globalId() > 0);
            run(second, secondAtMon, b);
            assertTrue(secondAtMon.isAuthenticated());
            assertEquals(Optional.of(EntityName.CLIENT_ADMIN), secondAtMon.entity());
        }
    }

    private static void run(MonAuthOverMessages c, MonAuthServerOverMessages s, MonAuthOverMessages.Request first) throws Exception {
        Optional<MonAuthOverMessages.Request> next = Optional.of(first);
        while (next.isPresent()) {
            MonAuthServerOverMessages.Reply r = s.handle(next.get().protocol(), next.get().payload());
            assertEquals(0, r.result(), r.message());
            next = c.handleReply(r.protocol(), r.result(), r.globalId(), r.resultBl());
        }
        assertTrue(c.isDone());
    }
}

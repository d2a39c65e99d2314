package io.inkwire.api.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EntityAddrVecConnectOrderTest {

    @Test
    void v2_and_protocol_less_addresses_come_first_then_v1() {
        EntityAddrVec mon = EntityAddrVec.parse("[v1:10.0.0.1:6789/0,v2:10.0.0.1:3300/0]");
        assertEquals("[v2:10.0.0.1:3300/0, v1:10.0.0.1:6789/0]", mon.connectOrder(true, true).toString());
        EntityAddrVec any = EntityAddrVec.of(EntityAddr.parse("10.0.0.2:3300/0"), EntityAddr.parse("v1:10.0.0.2:6789/0"));
        assertEquals("[v2:10.0.0.2:3300/0, v1:10.0.0.2:6789/0]", any.connectOrder(true, true).toString());
    }

    @Test
    void a_protocol_turned_off_and_blank_addresses_are_left_out() {
        EntityAddrVec mon = EntityAddrVec.parse("[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0,-]");
        assertEquals("[v1:10.0.0.1:6789/0]", mon.connectOrder(false, true).toString());
        assertEquals("[v2:10.0.0.1:3300/0]", mon.connectOrder(true, false).toString());
        assertEquals("[]", mon.connectOrder(false, false).toString());
        assertEquals(2, mon.connectOrder(true, true).size(), "the blank one is left out");
    }
}

package io.inkwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.ProtocolException;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.config.CephConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static CephConfig opts(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return CephConfig.of(m);
    }

    @Test
    void a_protocol_less_address_binds_both_protocols_v2_first() throws Exception {
        assertEquals("[v2:127.0.0.1:3300/0,v1:127.0.0.1:3301/0]", AddressPolicy.bindable(opts(), EntityAddrVec.parse("127.0.0.1:3300")).toString());
        assertEquals("[v2:127.0.0.1:0/0,v1:127.0.0.1:0/0]", AddressPolicy.bindable(opts(), EntityAddrVec.parse("127.0.0.1")).toString());
        assertEquals("[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]",
                AddressPolicy.bindable(opts(), EntityAddrVec.parse("[v1:127.0.0.1:6789,v2:127.0.0.1:3300]")).toString());
    }

    @Test
    void the_bind_options_decide_protocols_and_families() throws Exception {
        assertEquals("v1:127.0.0.1:6789/0", AddressPolicy.bindable(opts("ms_bind_msgr2", "false"), EntityAddrVec.parse("127.0.0.1:6789")).toString());
        assertEquals("v2:127.0.0.1:3300/0", AddressPolicy.bindable(opts("ms_bind_msgr1", "false"), EntityAddrVec.parse("127.0.0.1:3300")).toString());
        EntityAddrVec both = EntityAddrVec.parse("[v2:127.0.0.1:0,v2:[::1]:0]");
        assertEquals("v2:127.0.0.1:0/0", AddressPolicy.bindable(opts(), both).toString(), "ms_bind_ipv6 is off by default");
        assertEquals("[v2:127.0.0.1:0/0,v2:[::1]:0/0]", AddressPolicy.bindable(opts("ms_bind_ipv6", "true"), both).toString());
        assertEquals("v2:[::1]:0/0", AddressPolicy.bindable(opts("ms_bind_ipv6", "true", "ms_bind_ipv4", "false"), both).toString());
        assertEquals("v2:[::1]:3300/0", AddressPolicy.bindable(opts(), EntityAddrVec.parse("v2:[::1]:3300")).toString(),
                "an IPv6-only request is honoured with the defaults");
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> AddressPolicy.bindable(opts("ms_bind_msgr1", "false"), EntityAddrVec.parse("v1:127.0.0.1:6789")));
        assertTrue(e.getMessage().contains("nothing to bind"), e.getMessage());
    }

    @Test
    void a_connector_tries_v2_first_then_falls_back_to_v1() {
        EntityAddrVec mon = EntityAddrVec.parse("[v1:10.0.0.1:6789/0,v2:10.0.0.1:3300/0]");
        assertEquals("[v2:10.0.0.1:3300/0, v1:10.0.0.1:6789/0]", AddressPolicy.connectOrder(opts(), mon).toString());
        assertEquals("[v1:10.0.0.1:6789/0]", AddressPolicy.connectOrder(opts("ms_bind_msgr2", "false"), mon).toString());
        assertEquals("[v1:10.0.0.1:6789/0]", AddressPolicy.connectOrder(opts(), EntityAddrVec.parse("v1:10.0.0.1:6789/0")).toString());
    }
}

package io.inkwire.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityAddr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected results are what Ceph 16.2.15's own client printed for the same mon_host
 * ({@code ceph -m ... --debug_monc=20}: "monclient: monmap:"), listed here in the order the
 * entries are added (Ceph prints them sorted by address).
 */
class MonHostsTest {

    /** A fixed "DNS": no test depends on the machine's resolver except the localhost one. */
    private static final MonHosts.HostResolver FAKE_DNS = host -> {
        Map<String, List<String>> zone = Map.of(
            "localhost", List.of("127.0.0.1"),
            "mon.example", List.of("192.0.2.10", "192.0.2.11", "2001:db8::10"),
            "v6only.example", List.of("2001:db8::20"));
        List<String> ips = zone.get(host);
        if (ips == null) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        List<InetAddress> out = new ArrayList<>();
        for (String ip : ips) {
            out.add(InetAddress.getByName(ip));
        }
        return out;
    };

    static Stream<Arguments> cephResults() {
        return Stream.of(
            Arguments.of("10.0.0.1:6789,10.0.0.2:6789,10.0.0.3:6789", List.of(
                "v1:10.0.0.1:6789/0 mon.noname-a-legacy",
                "v1:10.0.0.2:6789/0 mon.noname-b-legacy",
                "v1:10.0.0.3:6789/0 mon.noname-c-legacy")),
            Arguments.of("10.0.0.1,10.0.0.2,10.0.0.3", List.of(
                "v2:10.0.0.1:3300/0 mon.noname-a",
                "v1:10.0.0.1:6789/0 mon.noname-a-legacy",
                "v2:10.0.0.2:3300/0 mon.noname-b",
                "v1:10.0.0.2:6789/0 mon.noname-b-legacy",
                "v2:10.0.0.3:3300/0 mon.noname-c",
                "v1:10.0.0.3:6789/0 mon.noname-c-legacy")),
            Arguments.of("[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0],[v2:10.0.0.2:3300/0,v1:10.0.0.2:6789/0]", List.of(
                "[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0] mon.noname-a",
                "[v2:10.0.0.2:3300/0,v1:10.0.0.2:6789/0] mon.noname-b")),
            Arguments.of("[v2:1.2.3.4:1112,v1:1.2.3.4:1111]", List.of(
                "[v2:1.2.3.4:1112/0,v1:1.2.3.4:1111/0] mon.noname-a")),
            Arguments.of("v2:1.2.3.4:578/89012", List.of("v2:1.2.3.4:578/89012 mon.noname-a")),
            Arguments.of("v1:1.2.3.4:578/89012", List.of("v1:1.2.3.4:578/89012 mon.noname-a")),
            Arguments.of("1.2.3.4:0/123456", List.of(
                "v2:1.2.3.4:3300/123456 mon.noname-a",
                "v1:1.2.3.4:6789/123456 mon.noname-a-legacy")),
            Arguments.of("[::1]:3300", List.of("v2:[::1]:3300/0 mon.noname-a")),
            Arguments.of("localhost", List.of(
                "v2:127.0.0.1:3300/0 mon.noname-a",
                "v1:127.0.0.1:6789/0 mon.noname-a-legacy")),
            // more rows checked against the same Ceph client
            Arguments.of("localhost:6789", List.of("v1:127.0.0.1:6789/0 mon.noname-a-legacy")),
            Arguments.of("1.2.3.4:5000", List.of(
                "v2:1.2.3.4:5000/0 mon.noname-a",
                "v1:1.2.3.4:5000/0 mon.noname-a-legacy")),
            Arguments.of("v2:1.2.3.4", List.of("v2:1.2.3.4:3300/0 mon.noname-a")),
            Arguments.of("[v2:1.2.3.4:3300]", List.of("v2:1.2.3.4:3300/0 mon.noname-a")),
            Arguments.of("any:1.2.3.4:6789", List.of("v1:1.2.3.4:6789/0 mon.noname-a-legacy")),
            Arguments.of("::1", List.of("v2:[::1]:3300/0 mon.noname-a", "v1:[::1]:6789/0 mon.noname-a-legacy")),
            Arguments.of("[::1]", List.of("v2:[::1]:3300/0 mon.noname-a", "v1:[::1]:6789/0 mon.noname-a-legacy")),
            Arguments.of("1.2.3.4:6789,", List.of("v1:1.2.3.4:6789/0 mon.noname-a-legacy")),
            // the second item repeats the first address: skipped, but it still used up the name "b"
            Arguments.of("10.0.0.1:6789 10.0.0.1:6789;10.0.0.2", List.of(
                "v1:10.0.0.1:6789/0 mon.noname-a-legacy",
                "v2:10.0.0.2:3300/0 mon.noname-c",
                "v1:10.0.0.2:6789/0 mon.noname-c-legacy")),
            Arguments.of("[1.2.3.4]:6789,[v2:1.2.3.5:3300,v1:1.2.3.5:6789]", List.of(
                "v1:1.2.3.4:6789/0 mon.noname-a-legacy",
                "[v2:1.2.3.5:3300/0,v1:1.2.3.5:6789/0] mon.noname-b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cephResults")
    void builds_the_initial_monmap_ceph_builds(String monHost, List<String> expected) {
        assertEquals(expected, render(MonHosts.parse(monHost, FAKE_DNS)));
    }

    @Test
    void a_host_name_becomes_every_address_it_resolves_to() {
        assertEquals(List.of(
            "v2:192.0.2.10:3300/0 mon.noname-a",
            "v1:192.0.2.10:6789/0 mon.noname-a-legacy",
            "v2:192.0.2.11:3300/0 mon.noname-b",
            "v1:192.0.2.11:6789/0 mon.noname-b-legacy",
            "v2:[2001:db8::10]:3300/0 mon.noname-c",
            "v1:[2001:db8::10]:6789/0 mon.noname-c-legacy"), render(MonHosts.parse("mon.example", FAKE_DNS)));
    }

    @Test
    void host_names_keep_their_port_and_mix_with_literals() {
        // any name in the list sends the whole list through the resolver, as init_with_hosts does
        assertEquals(List.of(
            "v2:10.0.0.1:3300/0 mon.noname-a",
            "v2:[2001:db8::20]:3300/0 mon.noname-b",
            "v1:10.0.0.9:6789/0 mon.noname-c-legacy"),
            render(MonHosts.parse("10.0.0.1:3300, v6only.example:3300; 10.0.0.9:6789", FAKE_DNS)));
        assertEquals(List.of("v2:[2001:db8::20]:3300/0 mon.noname-a"),
            render(MonHosts.parse("[2001:db8::20]:3300,v6only.example:3300", FAKE_DNS)));
    }

    @Test
    void localhost_with_the_system_resolver() throws Exception {
        List<String> expected = new ArrayList<>();
        InetAddress[] all = InetAddress.getAllByName("localhost");
        for (int i = 0; i < all.length; i++) {
            InetAddress ip = InetAddress.getByAddress(all[i].getAddress());
            expected.add(new EntityAddr(AddrType.MSGR2, 0, ip, 3300) + " mon.noname-" + (char) ('a' + i));
            expected.add(new EntityAddr(AddrType.LEGACY, 0, ip, 6789) + " mon.noname-" + (char) ('a' + i) + "-legacy");
        }
        assertEquals(expected, render(MonHosts.parse("localhost")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " ; ,"})
    void no_monitor_is_an_error(String monHost) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonHosts.parse(monHost, FAKE_DNS));
        assertTrue(e.getMessage().startsWith("mon_host"), e.getMessage());
    }

    @Test
    void errors_name_the_bad_part() {
        assertBad("10.0.0.1,bogus.invalid", "'bogus.invalid'");
        assertBad("[v2:1.2.3.4:3300,v1:1.2.3.4:6789", "'[v2:1.2.3.4:3300,v1:1.2.3.4:6789'");
        assertBad("v2:bogus.invalid", "'v2:bogus.invalid'");
        assertBad("1.2.3.4:99999", "'1.2.3.4:99999'"); // getaddrinfo would wrap it to 34463
        assertBad("010.0.0.1", "'010.0.0.1'");         // getaddrinfo would read it as octal 8.0.0.1
        assertBad("[v2:1.2.3.4:3300],[v1:1.2.3.4:x]", "'[v1:1.2.3.4:x]'");
    }

    @Test
    void mon_addr_sections_are_used_when_mon_host_is_not_set() {
        CephConfFile conf = CephConfFile.parse(String.join("\n",
            "[global]",
            "fsid = 0d8f5b2a-0000-4000-8000-000000000001",
            "[mon.a]",
            "mon addr = 10.0.0.1",
            "[mon.b]",
            "mon_addr = v2:10.0.0.2:3300",
            "[mon.c]",
            "mon addr = 10.0.0.3:1234",
            "[mon.d]",
            "host = nothing-here", ""), "test.conf");
        List<MonEntry> mons = MonHosts.fromConfig(conf, conf.resolve(io.inkwire.api.addr.EntityName.CLIENT_ADMIN), FAKE_DNS);
        assertEquals(List.of(
            "v1:10.0.0.1:6789/0 mon.a",
            "v2:10.0.0.2:3300/0 mon.b",
            "v1:10.0.0.3:1234/0 mon.c"), render(mons));

        CephConfFile withHost = CephConfFile.parse("[global]\nmon host = 10.0.0.7\n[mon.a]\nmon addr = 10.0.0.1\n", "t");
        assertEquals(List.of("v2:10.0.0.7:3300/0 mon.noname-a", "v1:10.0.0.7:6789/0 mon.noname-a-legacy"),
            render(MonHosts.fromConfig(withHost, withHost.resolve(io.inkwire.api.addr.EntityName.CLIENT_ADMIN), FAKE_DNS)));
    }

    private static void assertBad(String monHost, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonHosts.parse(monHost, FAKE_DNS));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static List<String> render(List<MonEntry> mons) {
        return mons.stream().map(MonEntry::toString).collect(Collectors.toList());
    }
}

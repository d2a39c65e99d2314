package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A monitor bound to v2 and v1, reached with {@code -m v1:…}: the first contact is msgr1, and once
 * the monmap shows the monitor's v2 address the client moves there — what Ceph's own client does
 * ({@code MonClient::handle_monmap}: "has (v2) addrs … but i'm connected to …, reconnecting"),
 * which this test checks in Ceph's log too. With {@code ms_bind_msgr2=false} the client stays on
 * msgr1; with the ordinary {@code [v2,v1]} mon_host it goes to v2 at once.
 */
class Msgr1FirstContactTest {

    @RegisterExtension
    static final CephLab LAB = CephLab.create("v2v1", 13380, 16869).auth("cephx");

    private static final String V1 = "v1:127.0.0.1:16869";
    private static final Pattern CONNECTED = Pattern.compile("connected peer=(\\S+) proto=(msgr\\d) .*auth=(\\S+) mode=(\\S+) peer_type=mon");

    @Test
    void first_contact_over_msgr1_then_the_monmap_moves_the_session_to_v2_as_cephs_client_does() throws Exception {
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-m", V1, "-v", "status", "-f", "json");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\"fsid\":\"" + LAB.ceph("fsid").out().trim() + "\""), r.out());
        List<String> lines = connected(r.err());
        assertEquals(List.of(V1 + "/0 msgr1 cephx legacy", "v2:127.0.0.1:13380/0 msgr2 cephx crc"), lines, r.err());

        // Ceph's own client, pointed the same way, says why it moves
        CephLab.Result ceph = CephLab.run(List.of("timeout", "60", "ceph", "-c", LAB.conf().toString(), "-m", V1, "--debug_monc=1",
                "status", "-f", "json"), 90);
        assertEquals(0, ceph.exit(), ceph.err());
        assertTrue(ceph.err().contains("mon.a has (v2) addrs [v2:127.0.0.1:13380/0,v1:127.0.0.1:16869/0] but i'm connected to "
                + V1 + "/0, reconnecting"), ceph.err());
    }

    @Test
    void without_msgr2_the_session_stays_on_msgr1() throws Exception {
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-m", V1, "--ms_bind_msgr2=false", "-v", "status", "-f", "json");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(List.of(V1 + "/0 msgr1 cephx legacy"), connected(r.err()), r.err());
    }

    @Test
    void a_v2_and_v1_mon_host_is_reached_over_v2_first() throws Exception {
        CephLab.Result r = Inkwire.run("-c", LAB.conf().toString(), "-v", "status", "-f", "json");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = connected(r.err());
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("v2:127.0.0.1:13380/0 msgr2"), r.err());
        assertFalse(r.err().contains("proto=msgr1"), r.err());
    }

    /** The {@code -v} connection lines: "peer proto auth mode", in order. */
    private static List<String> connected(String err) {
        Matcher m = CONNECTED.matcher(err);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        return out;
    }
}

package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import org.junit.jupiter.api.Test;

/** {@code tell}: the OSD's address out of {@code osd find}'s JSON. */
class TellAddressTest {

    private static final EntityName OSD0 = EntityName.parse("osd.0");

    /** What a Ceph 16.2 monitor answers {@code {"prefix": "osd find", "id": 0, "format": "json"}} with (json-pretty here). */
    private static final String OSD_FIND = """
            {
                "osd": 0,
                "addrs": {
                    "addrvec": [
                        {
                            "type": "v2",
                            "addr": "127.0.0.1:6802",
                            "nonce": 31573
                        },
                        {
                            "type": "v1",
                            "addr": "127.0.0.1:6803",
                            "nonce": 31573
                        }
                    ]
                },
                "osd_fsid": "6b1a3cbe-4d4b-4f9a-9e54-0c1e5f3b8c11",
                "host": "lab",
                "crush_location": {
                    "host": "lab",
                    "root": "default"
                }
            }
            """;

    @Test
    void v2FirstThenV1AsTheBindOptionsAllow() {
        assertEquals("v2:127.0.0.1:6802/31573", TellCommand.pickAddress(OSD0, OSD_FIND, true, true).toString());
        assertEquals("v1:127.0.0.1:6803/31573", TellCommand.pickAddress(OSD0, OSD_FIND, false, true).toString());
    }

    @Test
    void noUsableAddressSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TellCommand.pickAddress(OSD0, OSD_FIND, false, false));
        assertTrue(e.getMessage().startsWith("osd.0 has no address this client may use (ms_bind_msgr2=false, ms_bind_msgr1=false)"),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> TellCommand.pickAddress(OSD0, "{\"osd\": 0, \"addrs\": {\"addrvec\": []}}", true, true));
    }

    @Test
    void addressesElsewhereInTheOutputAreNotTaken() {
        String decoy = "{\"osd\": 0, \"addrs\": {\"addrvec\": [{\"type\": \"v1\", \"addr\": \"127.0.0.1:6803\", \"nonce\": 7}]},"
                + " \"note\": {\"type\": \"v2\", \"addr\": \"10.0.0.9:1\", \"nonce\": 1}}";
        assertEquals("v1:127.0.0.1:6803/7", TellCommand.pickAddress(OSD0, decoy, true, true).toString());
    }

    @Test
    void outputThatIsNotJsonIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TellCommand.pickAddress(OSD0, "osd.0 up {", true, true));
        assertTrue(e.getMessage().startsWith("osd find for osd.0 did not answer JSON"), e.getMessage());
    }
}

package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.codec.osd.UTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** What {@code rados lock} prints, beside the lab's byte-for-byte comparisons: times, names, JSON layout. */
class RadosLockCommandTest {

    @Test
    void a_utime_prints_as_raw_seconds_before_ten_years_and_as_a_local_date_after() {
        assertEquals("0.000000", RadosLockCommand.utime(UTime.ZERO));
        assertEquals("42.000123", RadosLockCommand.utime(new UTime(42, 123_456)));
        Instant t = Instant.ofEpochSecond(1_700_000_000L, 77_135_999);
        String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(t.atZone(ZoneId.systemDefault())) + ".077135"
                + DateTimeFormatter.ofPattern("Z").format(t.atZone(ZoneId.systemDefault()));
        assertEquals(expected, RadosLockCommand.utime(new UTime(1_700_000_000L, 77_135_999)));
    }

    @Test
    void locker_names_are_type_dot_number() {
        assertTrue(RadosLockCommand.isEntityName("client.4147"));
        assertTrue(RadosLockCommand.isEntityName("osd.0"));
        for (String bad : new String[] {"bogus", "client.", ".4", "client.admin", "alien.3", "client.4x"}) {
            assertFalse(RadosLockCommand.isEntityName(bad), bad);
        }
    }

    @Test
    void json_as_cephs_formatter_flushes_it() throws Exception {
        ObjectNode o = CommandJson.MAPPER.createObjectNode().put("name", "lk").put("addr", "127.0.0.1:0/42");
        o.putArray("lockers");
        o.putArray("locks").addObject().put("name", "a");
        assertEquals("{\"name\":\"lk\",\"addr\":\"127.0.0.1:0/42\",\"lockers\":[],\"locks\":[{\"name\":\"a\"}]}", CephPrettyJson.write(o, false));
        assertEquals("""
                {
                    "name": "lk",
                    "addr": "127.0.0.1:0/42",
                    "lockers": [],
                    "locks": [
                        {
                            "name": "a"
                        }
                    ]
                }
                """, CephPrettyJson.write(o, true));
    }
}

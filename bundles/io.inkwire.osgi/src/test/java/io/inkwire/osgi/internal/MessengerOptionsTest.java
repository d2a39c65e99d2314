package io.inkwire.osgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a factory configuration's properties become Ceph options. */
class MessengerOptionsTest {

    @Test
    void optionLikePropertiesPassThroughAndFrameworkPropertiesDoNot() throws Exception {
        CephConfig o = MessengerComponent.options(Map.of(
                "service.pid", "io.inkwire.messenger.abc",
                "transport.target", "(inkwire.transport=netty)",
                "entity_name", "client.x",
                "bind", "v2:127.0.0.1:0",
                "mon_host", "v2:127.0.0.1:3300",
                "ms_mon_client_mode", new String[] {"secure", "crc"},
                "ms client mode", List.of("crc"),
                "client_mount_timeout", 12), EntityName.CLIENT_ADMIN);
        assertEquals("v2:127.0.0.1:3300", o.getString("mon_host", ""));
        assertEquals(List.of("secure", "crc"), o.getList("ms_mon_client_mode"));
        assertEquals(List.of("crc"), o.getList("ms_client_mode"));
        assertEquals(12, o.getLong("client_mount_timeout", 0));
        assertFalse(o.isSet("service.pid"));
        assertFalse(o.isSet("entity_name"));
        assertFalse(o.isSet("bind"));
    }

    @Test
    void aCephConfIsReadFirstAndPropertiesOverrideIt(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("ceph.conf");
        Files.writeString(conf, "[global]\nmon_host = 10.0.0.1\nms_mon_client_mode = crc\n[client.x]\nkeyring = /k\n");
        CephConfig o = MessengerComponent.options(Map.of("conf", conf.toString(), "ms_mon_client_mode", "secure"),
                EntityName.parse("client.x"));
        assertEquals("10.0.0.1", o.getString("mon_host", ""));
        assertEquals("/k", o.getString("keyring", ""));
        assertEquals(List.of("secure"), o.getList("ms_mon_client_mode"));
    }
}

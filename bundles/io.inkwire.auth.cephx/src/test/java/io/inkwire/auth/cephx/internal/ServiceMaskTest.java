package io.inkwire.auth.cephx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inkwire.api.config.CephConfig;
import org.junit.jupiter.api.Test;

class ServiceMaskTest {

    private static int want(String value) {
        return ServiceMask.wantKeys(CephConfig.empty().with(ServiceMask.WANT_KEYS_OPTION, value));
    }

    @Test
    void the_default_is_mon_osd_mgr_and_auth() {
        assertEquals(0x35, ServiceMask.wantKeys(CephConfig.empty()));
    }

    @Test
    void names_and_numbers_are_accepted_and_auth_is_always_added() {
        assertEquals(0x35, want("mon, osd, mgr"));
        assertEquals(0x27, want("mon osd mds"));
        assertEquals(0x20, want("auth"));
        assertEquals(0x35, want("0x15"));
        assertEquals(0x25, want("5"));
    }

    @Test
    void nonsense_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> want("client"));
        assertThrows(IllegalArgumentException.class, () -> want("0x100"));
        assertThrows(IllegalArgumentException.class, () -> want("disk"));
    }
}

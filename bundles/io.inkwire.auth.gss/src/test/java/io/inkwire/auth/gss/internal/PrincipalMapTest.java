package io.inkwire.auth.gss.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrincipalMapTest {

    @Test
    void the_default_maps_entity_named_and_plain_principals_of_our_realm_only() throws Exception {
        PrincipalMap m = PrincipalMap.parse(PrincipalMap.DEFAULT, "INKWIRE.TEST");
        assertEquals(Optional.of(EntityName.parse("client.alice")), m.map("client.alice@INKWIRE.TEST"));
        assertEquals(Optional.of(EntityName.parse("osd.0")), m.map("osd.0@INKWIRE.TEST"));
        assertEquals(Optional.of(EntityName.parse("client.bob")), m.map("bob@INKWIRE.TEST"));
        assertEquals(Optional.empty(), m.map("bob/admin@INKWIRE.TEST"), "an instance is not a plain user");
        assertEquals(Optional.empty(), m.map("client.alice@OTHER.TEST"), "another realm");
        assertEquals(Optional.empty(), m.map("client.alice@INKWIREXTEST"), "the realm is quoted, its dot is no wildcard");
        assertEquals(Optional.empty(), m.map("krbtgt/INKWIRE.TEST@INKWIRE.TEST"));
    }

    @Test
    void custom_rules_apply_in_order_with_groups() throws Exception {
        PrincipalMap m = PrincipalMap.parse("^(\\w+)/ceph@{realm}$ => client.$1-svc; ^(\\w+)@PARTNER\\.ORG$ => client.partner-$1", "R.TEST");
        assertEquals(Optional.of(EntityName.parse("client.backup-svc")), m.map("backup/ceph@R.TEST"));
        assertEquals(Optional.of(EntityName.parse("client.partner-eve")), m.map("eve@PARTNER.ORG"));
        assertEquals(Optional.empty(), m.map("eve@R.TEST"));
    }

    @Test
    void a_rule_yielding_no_entity_name_maps_nothing() throws Exception {
        PrincipalMap m = PrincipalMap.parse("^(\\w+)@R$ => nosuchtype.$1; ^x@R$ => client.$2", "R");
        assertEquals(Optional.empty(), m.map("alice@R"));
        assertEquals(Optional.empty(), m.map("x@R"));
    }

    @Test
    void malformed_rules_are_refused_with_the_option_named() {
        for (String bad : new String[] {"", "alice@R", "(unclosed => client.x", " => client.x", "^a$ => "}) {
            AuthException e = assertThrows(AuthException.class, () -> PrincipalMap.parse(bad, "R"), bad);
            assertEquals(AuthException.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("gss_principal_map"), e.getMessage());
        }
    }
}

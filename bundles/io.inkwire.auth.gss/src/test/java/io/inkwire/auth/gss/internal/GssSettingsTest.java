package io.inkwire.auth.gss.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.config.CephConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GssSettingsTest {

    static final EntityName ALICE = EntityName.parse("client.alice");

    @Test
    void cephs_defaults_then_the_mit_environment() throws Exception {
        Map<String, String> env = Map.of("KRB5_CONFIG", "/etc/lab/krb5.conf", "KRB5CCNAME", "FILE:/tmp/cc", "KRB5_KTNAME", "FILE:/etc/svc.keytab");
        GssSettings s = GssSettings.of(CephConfig.empty(), ALICE, env::get);
        assertEquals("ceph", s.targetName(), "Ceph's gss_target_name default");
        assertEquals("client.alice", s.clientPrincipal(), "the entity name, as Ceph's KrbClientHandler names itself");
        assertEquals(Optional.of(Path.of("/etc/lab/krb5.conf")), s.krb5Conf());
        assertEquals(Optional.of("/tmp/cc"), s.ccache());
        assertEquals(Path.of("/etc/svc.keytab"), s.serviceKeytab());
        assertEquals(Optional.empty(), s.clientKeytab(), "Ceph's default keytab path does not exist here");
        assertTrue(s.clientSource().startsWith("ticket cache /tmp/cc"), s.clientSource());
    }

    @Test
    void options_win_over_the_environment_and_expand_cephs_metavariables() throws Exception {
        CephConfig o = CephConfig.of(Map.of("gss_ktab_client_file", "/var/lib/ceph/$name/k.ktab", "gss_target_name", "ceph@mon1",
                "gss_krb5_conf", "/x/krb5.conf", "gss_ccache", "/tmp/mine", "gss_client_principal", "alice@R.TEST"));
        GssSettings s = GssSettings.of(o, ALICE, Map.of("KRB5_CONFIG", "/etc/other")::get);
        assertEquals(Optional.of(Path.of("/var/lib/ceph/client.alice/k.ktab")), s.clientKeytab());
        assertEquals("ceph@mon1", s.targetName());
        assertEquals(Optional.of(Path.of("/x/krb5.conf")), s.krb5Conf());
        assertEquals("alice@R.TEST", s.clientPrincipal());
        assertEquals(Path.of("/etc/krb5.keytab"), s.serviceKeytab());
        assertTrue(s.clientSource().startsWith("keytab "), "a keytab, when given, is what the client uses");
    }

    @Test
    void a_ticket_cache_the_jdk_cannot_read_is_refused_up_front() {
        for (String cc : new String[] {"KEYRING:persistent:0", "KCM:", "DIR:/run/user/0/krb5cc"}) {
            AuthException e = assertThrows(AuthException.class, () -> GssSettings.of(CephConfig.of(Map.of("gss_ccache", cc)), ALICE, k -> null));
            assertEquals(AuthException.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("FILE:"), e.getMessage());
        }
    }

    @Test
    void service_principals_from_gss_target_name() throws Exception {
        assertEquals("ceph/mon1.example", GssNames.servicePrincipal("ceph@MON1.example"));
        assertEquals("ceph/localhost@R.TEST", GssNames.servicePrincipal("ceph/localhost@R.TEST"));
        assertTrue(GssNames.servicePrincipal("ceph").startsWith("ceph/"));
        assertEquals(AuthException.EINVAL, assertThrows(AuthException.class, () -> GssNames.servicePrincipal("ceph@")).errno());
    }

    @Test
    void kerberos_failures_read_as_their_cause() {
        Exception skew = new Exception("Clock skew too great (37) - PREAUTH_FAILED", new Exception("Identifier doesn't match expected value (906)"));
        AuthException e = GssFailure.kdc("login", "keytab /k", "R", skew);
        assertEquals(AuthException.EACCES, e.errno());
        assertEquals("gss: login: Clock skew too great (37) - PREAUTH_FAILED; this host's clock and the KDC's differ by more than the realm's clock skew allows",
                e.getMessage(), "the ASN.1 detail below the Kerberos code is left out");
        AuthException down = GssFailure.kdc("login", "keytab /k", "R", new Exception("Connection refused", new java.net.ConnectException("Connection refused")));
        assertEquals(-111, down.errno());
        assertTrue(down.getMessage().contains("cannot reach the KDC of realm R"), down.getMessage());
        assertTrue(GssFailure.kdc("login", "keytab /k", "R", new Exception("Pre-authentication information was invalid (24)")).getMessage()
                .contains("the key in keytab /k is not the KDC's"));
    }
}

package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inkwire serve --auth_service_required=gss} with a service keytab from a real MIT KDC, and
 * the CLI as its client with a client keytab or a ticket cache: the handshake in secure and crc
 * mode with the acceptor logging the Kerberos principal and the entity; then every way Kerberos
 * fails (a wrong keytab, an expired ticket, an unknown or a foreign service principal, a KDC whose
 * clock is an hour off, a KDC that is down or frozen, a principal claiming another entity), each a
 * one-line error naming its cause well within client_mount_timeout, and nobody accepted.
 *
 * <p>The gss provider is a separate bundle: the CLI runs as {@code ./inkwire} does, and its
 * ServiceLoader finds the gss module among the CLI's runtime modules.
 */
class GssAgainstKdcTest {

    static final int PORT = 23320;
    static final int MOUNT_TIMEOUT = 20;

    @RegisterExtension
    static final KdcLab KDC = KdcLab.create("krb", 18088).clients("client.alice", "client.bob", "client.carol");
    @RegisterExtension
    static final KdcLab SKEWED = KdcLab.create("krb-skewed", 18090).clients("client.alice").clockOffset(3600);
    @RegisterExtension
    static final KdcLab DOWN = KdcLab.create("krb-down", 18092).clients("client.alice");

    /** Removed by JUnit after {@code @AfterAll} has stopped serve: no run leaves files in /tmp. */
    @TempDir
    static Path dir;
    static Path conf;
    static Path keyring;
    static Process serve;
    static Path serveOut;
    static Path serveErr;

    @BeforeAll
    static void startServe() throws Exception {
        conf = Files.writeString(dir.resolve("ceph.conf"), "");
        keyring = Files.writeString(dir.resolve("keyring"), "");
        // the CLI keeps java.util.logging quiet; the gss acceptor's lines (principal, entity, refusals) get a handler of their own
        Path logging = Files.writeString(dir.resolve("logging.properties"), String.join("\n",
                "io.inkwire.auth.gss.level = INFO",
                "io.inkwire.auth.gss.handlers = java.util.logging.ConsoleHandler",
                "java.util.logging.ConsoleHandler.level = INFO",
                "java.util.logging.SimpleFormatter.format = inkwire: %5$s%n", ""));
        serveOut = dir.resolve("serve.out");
        serveErr = dir.resolve("serve.err");
        serve = Inkwire.serve(cli(List.of("-Djava.util.logging.config.file=" + logging), "-c", conf.toString(), "-k", keyring.toString(),
                "serve", "--bind", "v2:127.0.0.1:" + PORT, "--auth_service_required", "gss", "--ms_mon_service_mode", "secure crc",
                "--gss_ktab_service_file", KDC.serviceKeytab().toString(), "--gss_target_name", KdcLab.TARGET,
                "--gss_krb5_conf", KDC.krb5Conf().toString()), PORT, serveOut, serveErr);
    }

    @AfterAll
    static void stopServe() throws Exception {
        Inkwire.stop(serve);
    }

    /** The CLI as ./inkwire runs it (the gss module is among its runtime modules), with JVM options. */
    static List<String> cli(List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(Inkwire.command(args));
        cmd.addAll(1, jvmOptions);
        return cmd;
    }

    /** A run of {@code status} against serve; stderr, exit status and how long it took. */
    record Run(int exit, String err, long seconds, String serveLog) {
    }

    static Run status(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-c", conf.toString(), "-k", keyring.toString(), "-m", "v2:127.0.0.1:" + PORT,
                "--auth_client_required", "gss", "--gss_target_name", KdcLab.TARGET, "--client_mount_timeout", String.valueOf(MOUNT_TIMEOUT)));
        a.addAll(List.of(args));
        a.add("status");
        int before = Files.readString(serveErr).length();
        long start = System.nanoTime();
        CephLab.Result r = CephLab.run(cli(List.of(), a.toArray(String[]::new)), 90);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        Thread.sleep(300); // serve's log line of the same connection
        return new Run(r.exit(), r.err(), seconds, Files.readString(serveErr).substring(before));
    }

    static String[] keytabOf(KdcLab lab, String client) {
        return new String[] {"-n", client, "--gss_krb5_conf", lab.krb5Conf().toString(), "--gss_ktab_client_file", lab.keytab(client).toString()};
    }

    @Test
    void serve_authenticates_a_keytab_client_in_secure_and_crc_mode_and_logs_its_principal_and_entity() throws Exception {
        for (String mode : new String[] {"secure", "crc"}) {
            List<String> a = new ArrayList<>(List.of(keytabOf(KDC, "client.alice")));
            a.addAll(List.of("-v", "--ms_mon_client_mode", mode));
            Run r = status(a.toArray(String[]::new));
            // the handshake completed; serve then answers the status command with "not supported"
            assertEquals(95, r.exit(), r.err());
            assertTrue(r.err().contains("connected peer=v2:127.0.0.1:" + PORT + "/0 proto=msgr2 rev=1 auth=gss mode=" + mode), r.err());
            assertTrue(r.serveLog().contains("gss: accepted Kerberos principal client.alice@INKWIRE.TEST as client.alice (monitor session"),
                    r.serveLog());
            Matcher m = Pattern.compile("accepted .*auth=gss mode=" + mode + " peer_type=client peer_name=client\\.alice global_id=(\\d+)")
                    .matcher(r.serveLog());
            assertTrue(m.find(), r.serveLog());
            assertTrue(Long.parseLong(m.group(1)) > 0);
        }
    }

    @Test
    void a_client_with_a_ticket_cache_from_kinit_is_accepted() throws Exception {
        Path cache = KDC.kinit("client.bob", "10m");
        Run r = status("-n", "client.bob", "--gss_krb5_conf", KDC.krb5Conf().toString(), "--gss_ccache", "FILE:" + cache, "-v");
        assertEquals(95, r.exit(), r.err());
        assertTrue(r.err().contains("auth=gss mode=secure"), r.err());
        assertTrue(r.serveLog().contains("accepted Kerberos principal client.bob@INKWIRE.TEST as client.bob"), r.serveLog());
    }

    /** A refusal: one line naming the cause, the exit status, in time, and serve accepted no one. */
    static Run assertRefused(int exit, List<String> causes, String... args) throws Exception {
        Run r = status(args);
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.seconds() < MOUNT_TIMEOUT, "took " + r.seconds() + " s: " + r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith("inkwire: error: "), r.err());
        for (String c : causes) {
            assertTrue(lines.get(0).contains(c), "'" + c + "' in: " + lines.get(0));
        }
        assertFalse(lines.get(0).contains("keyring"), "a gss failure does not blame the cephx keyring: " + lines.get(0));
        assertFalse(r.serveLog().contains("accepted"), "serve accepted no one: " + r.serveLog());
        return r;
    }

    @Test
    void an_outdated_keytab_is_refused_by_the_kdc() throws Exception {
        KDC.kadmin("cpw -randkey client.carol"); // the KDC's key changes; carol's keytab keeps the old one
        assertRefused(13, List.of("cannot get a Kerberos ticket for client.carol@INKWIRE.TEST with keytab " + KDC.keytab("client.carol"),
                "Pre-authentication information was invalid (24)", "wrong or outdated keytab"), keytabOf(KDC, "client.carol"));
    }

    @Test
    void an_expired_ticket_in_the_cache_is_named_as_such() throws Exception {
        Path cache = KDC.kinit("client.bob", "2s");
        Thread.sleep(3_000);
        assertRefused(13, List.of("the Kerberos ticket of client.bob@INKWIRE.TEST in ticket cache " + cache + " expired at", "run kinit"),
                "-n", "client.bob", "--gss_krb5_conf", KDC.krb5Conf().toString(), "--gss_ccache", "FILE:" + cache);
    }

    @Test
    void a_service_principal_the_kdc_does_not_know_is_refused_by_the_kdc() throws Exception {
        List<String> a = new ArrayList<>(List.of(keytabOf(KDC, "client.alice")));
        a.addAll(List.of("--gss_target_name", "nosuch@localhost"));
        assertRefused(13, List.of("cannot get a ticket for service nosuch@localhost", "Server not found in Kerberos database (7)",
                "no such service principal"), a.toArray(String[]::new));
    }

    @Test
    void a_ticket_for_another_service_is_refused_by_the_acceptor() throws Exception {
        KDC.kadmin("addprinc -randkey other/localhost");
        List<String> a = new ArrayList<>(List.of(keytabOf(KDC, "client.alice")));
        a.addAll(List.of("--gss_target_name", "other@localhost"));
        Run r = assertRefused(13, List.of("authentication refused by the mon (EACCES -13)"), a.toArray(String[]::new));
        assertTrue(r.serveLog().contains("gss: refused client.alice: the Kerberos token of client.alice was refused")
                && r.serveLog().contains("a ticket for another service principal"), r.serveLog());
    }

    @Test
    void a_principal_claiming_another_entity_is_refused_by_the_acceptor() throws Exception {
        List<String> a = new ArrayList<>(List.of(keytabOf(KDC, "client.alice")));
        a.set(1, "client.bob"); // -n client.bob, with alice's principal and keytab
        a.addAll(List.of("--gss_client_principal", "client.alice"));
        Run r = assertRefused(13, List.of("authentication refused by the mon (EACCES -13)"), a.toArray(String[]::new));
        assertTrue(r.serveLog().contains("Kerberos principal client.alice@INKWIRE.TEST is client.alice, but the peer claims to be client.bob"),
                r.serveLog());
    }

    @Test
    void a_kdc_whose_clock_is_an_hour_off_refuses_the_login() throws Exception {
        assertRefused(13, List.of("Clock skew too great (37)", "this host's clock and the KDC's differ"), keytabOf(SKEWED, "client.alice"));
    }

    @Test
    void a_kdc_that_is_down_or_frozen_fails_the_login_at_once_or_within_seconds() throws Exception {
        DOWN.signal("TERM");
        Run down = assertRefused(1, List.of("cannot reach the KDC of realm INKWIRE.TEST", "Connection refused"), keytabOf(DOWN, "client.alice"));
        assertTrue(down.seconds() < 5, "took " + down.seconds() + " s");
        DOWN.revive();
        DOWN.signal("STOP");
        try {
            Run frozen = assertRefused(1, List.of("cannot reach the KDC of realm INKWIRE.TEST"), keytabOf(DOWN, "client.alice"));
            assertTrue(frozen.seconds() < 15, "kdc_timeout bounds the wait: took " + frozen.seconds() + " s");
        } finally {
            DOWN.signal("CONT");
        }
    }
}

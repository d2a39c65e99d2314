package io.inkwire.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.auth.CryptoKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ceph's own {@code ceph} CLI against {@code inkwire serve}: inkwire is the cephx authority and
 * the msgr2 acceptor. The CLI completes the handshake, gets a MonMap naming the acceptor and an
 * empty MConfig, and exits promptly on the "not supported" answer to its first command.
 */
class CephCliAgainstInkwireTest {

    static final int PORT = 23300;
    /** Removed by JUnit after {@code @AfterAll} has stopped serve: no run leaves files in /tmp. */
    @TempDir
    static Path dir;
    static Path keyring;
    static Process serve;
    static Path serveOut;
    static Path serveErr;

    @BeforeAll
    static void startServe() throws Exception {
        keyring = dir.resolve("keyring");
        Files.writeString(keyring, "[client.admin]\n\tkey = " + CryptoKey.generateAes().toBase64() + "\n");
        serveOut = dir.resolve("serve.out");
        serveErr = dir.resolve("serve.err");
        serve = Inkwire.serve(Inkwire.command("serve", "--bind", "v2:127.0.0.1:" + PORT, "-k", keyring.toString(),
                "--auth_service_required", "cephx", "--ms_mon_service_mode", "secure crc"), PORT, serveOut, serveErr);
    }

    @AfterAll
    static void stopServe() throws Exception {
        Inkwire.stop(serve);
    }

    private static CephLab.Result ceph(String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("timeout", "60", "ceph", "--conf", "/dev/null", "--mon_host",
                "v2:127.0.0.1:" + PORT, "-k", keyring.toString(), "--client_mount_timeout", "20"));
        cmd.addAll(List.of(extra));
        cmd.add("-s");
        return CephLab.run(cmd, 90);
    }

    @Test
    void the_ceph_cli_authenticates_with_inkwire_as_the_authority_in_secure_and_crc_mode() throws Exception {
        for (String mode : new String[] {"secure", "crc"}) {
            int before = Files.readString(serveErr).length();
            long start = System.nanoTime();
            CephLab.Result r = ceph("--ms_mon_client_mode=" + mode);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertNotEquals(0, r.exit(), r.out() + r.err());
            assertNotEquals(124, r.exit(), "the ceph CLI hung until timeout(1) killed it");
            assertTrue(seconds < 20, "took " + seconds + " s");
            assertTrue(r.err().contains("ENOTSUP"), "the CLI reports our 'not supported': " + r.err());
            String log = Files.readString(serveErr).substring(before);
            Matcher m = Pattern.compile("accepted .*auth=cephx mode=" + mode + " peer_type=client peer_name=client\\.admin global_id=(\\d+)").matcher(log);
            assertTrue(m.find(), "serve log: " + log);
            assertTrue(Long.parseLong(m.group(1)) > 0);
        }
    }

    @Test
    void a_ceph_cli_with_the_wrong_key_is_refused() throws Exception {
        Path wrong = dir.resolve("wrong.keyring");
        Files.writeString(wrong, "[client.admin]\n\tkey = AQAAAAAAAAAAABAAAAECAwQFBgcICQoLDA0ODw==\n");
        int before = Files.readString(serveErr).length();
        CephLab.Result r = CephLab.run(List.of("timeout", "60", "ceph", "--conf", "/dev/null", "--mon_host", "v2:127.0.0.1:" + PORT,
                "-k", wrong.toString(), "--client_mount_timeout", "10", "-s"), 90);
        // what librados says when the authority refuses its proof of the key: EACCES, not a timeout
        assertEquals(13, r.exit(), "exit status: " + r.err());
        assertTrue(r.err().contains("[errno 13] RADOS permission denied"), r.err());
        String log = Files.readString(serveErr).substring(before);
        assertFalse(log.contains("accepted"), "serve accepted nobody: " + log);
        assertTrue(log.contains("state AUTH"), "the session ended in the auth phase: " + log);
        assertFalse(Files.readString(serveErr).contains("Exception"), "serve logged no stack trace");
    }
}

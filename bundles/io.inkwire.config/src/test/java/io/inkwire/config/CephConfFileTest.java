package io.inkwire.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CephConfFileTest {

    private static final EntityName ADMIN = EntityName.CLIENT_ADMIN;
    private static final EntityName MON_A = new EntityName(io.inkwire.api.addr.EntityType.MON, "a");

    private static final String CONF = String.join("\n",
        "# a comment line",
        "; another",
        "[global]",
        "\tfsid = 5d61cf2f-dd45-4db4-b861-446e1c12ef84   # trailing comment",
        "mon host = [v2:127.0.0.1:3300,v1:127.0.0.1:6789]",
        "auth-client-required = cephx",
        "ms_mon_client_mode = secure crc ; why not",
        "log file = /var/log/ceph/$cluster-$name.log",
        "admin_socket = /run/ceph/${cluster}-${name}.asok",
        "run_dir = /run/$cluster",
        "keyring = $run_dir/keys/$type.$id.keyring",
        "quoted = \"  kept  as is \"   # comment after a quote",
        "single = 'it\\'s'",
        "",
        "[client]",
        "ms_mon_client_mode = crc",
        "log_file = /tmp/client.$pid.log",
        "[client.admin]",
        "ms mon client mode = secure",
        "escaped = a\\#b\\;c",
        "continued = one, \\",
        "    two",
        "[mon]",
        "mon_data = /var/lib/ceph/mon/$cluster-$id",
        "[mon.a]",
        "host = mon-a-host",
        "log_file = /logs/$host/$name",
        "[global]",
        "fsid = 00000000-0000-0000-0000-000000000001",
        "");

    @Test
    void sections_keys_and_values_are_read_as_ceph_reads_them() {
        CephConfFile f = CephConfFile.parse(CONF, "test.conf");
        assertEquals(List.of("global", "client", "client.admin", "mon", "mon.a"), f.sections());
        // a repeated section merges into the first; the later value wins
        assertEquals(Optional.of("00000000-0000-0000-0000-000000000001"), f.get("global", "fsid"));
        assertEquals(Optional.of("[v2:127.0.0.1:3300,v1:127.0.0.1:6789]"), f.get("global", "mon_host"));
        assertEquals(Optional.of("[v2:127.0.0.1:3300,v1:127.0.0.1:6789]"), f.get("global", "mon-host"));
        assertEquals(Optional.of("cephx"), f.get("global", "auth client required"));
        assertEquals(Optional.of("secure crc"), f.get("global", "ms_mon_client_mode"));
        assertEquals(Optional.of("  kept  as is "), f.get("global", "quoted"));
        assertEquals(Optional.of("it's"), f.get("global", "single"));
        assertEquals(Optional.of("a#b;c"), f.get("client.admin", "escaped"));
        assertEquals(Optional.of("one,     two"), f.get("client.admin", "continued"));
        assertEquals(Map.of("ms_mon_client_mode", "crc", "log_file", "/tmp/client.$pid.log"), f.section("client"));
        assertEquals(Map.of(), f.section("osd"));
        assertFalse(f.hasSection("osd"));
    }

    @Test
    void precedence_is_global_then_type_then_name() {
        CephConfFile f = CephConfFile.parse(CONF, "test.conf");
        assertEquals("secure", f.resolve(ADMIN).get("ms_mon_client_mode").orElseThrow());
        assertEquals("crc", f.resolve(new EntityName(io.inkwire.api.addr.EntityType.CLIENT, "bob")).get("ms_mon_client_mode").orElseThrow());
        assertEquals("secure crc", f.resolve(MON_A).get("ms_mon_client_mode").orElseThrow());
        assertEquals(List.of("client.admin", "client", "global"), CephConfFile.sectionsFor(ADMIN));
    }

    @Test
    void metavariables_expand_for_the_entity() {
        CephConfFile f = CephConfFile.parse(CONF, "test.conf");
        CephConfig admin = f.resolve(ADMIN);
        assertEquals("/run/ceph/ceph-client.admin.asok", admin.get("admin_socket").orElseThrow());
        assertEquals("/tmp/client." + ProcessHandle.current().pid() + ".log", admin.get("log_file").orElseThrow());
        // $run_dir is another option, itself expanded
        assertEquals("/run/ceph/keys/client.admin.keyring", admin.get("keyring").orElseThrow());

        CephConfig mon = f.resolve(MON_A);
        assertEquals("/var/lib/ceph/mon/ceph-a", mon.get("mon_data").orElseThrow());
        assertEquals("/logs/mon-a-host/mon.a", mon.get("log_file").orElseThrow());

        // overrides apply before expansion, so --cluster changes $cluster
        CephConfig other = f.resolve(ADMIN, CephConfig.empty().with("cluster", "backup"));
        assertEquals("/run/ceph/backup-client.admin.asok", other.get("admin_socket").orElseThrow());
        assertEquals("/run/backup/keys/client.admin.keyring", other.get("keyring").orElseThrow());
    }

    @Test
    void metavariable_edge_cases() {
        CephConfig c = CephConfig.of(Map.of("a", "$b", "b", "$a", "host", "h1", "num_thing", "x"));
        assertEquals("$unknown stays, $ alone stays, ceph!", Metavariables.expand("$unknown stays, $ alone stays, ${cluster}!", c, ADMIN));
        assertEquals("ceph-admin-admin-client-h1", Metavariables.expand("$cluster-$id-$num-$type-$host", c, ADMIN));
        assertEquals("${cluster", Metavariables.expand("${cluster", c, ADMIN));
        assertEquals("$data_dir/x", Metavariables.expand("$data_dir/x", c, ADMIN));
        // var names are [a-z_]: "$num_thing2" is the option num_thing followed by "2"
        assertEquals("x2", Metavariables.expand("$num_thing2", c, ADMIN));
        // a reference loop terminates and leaves a variable unexpanded
        String looped = Metavariables.expandAll(c, ADMIN).get("a").orElseThrow();
        assertTrue(looped.contains("$"), looped);
        // the default of a known option can be referenced
        assertEquals("300", Metavariables.expand("$client_mount_timeout", CephConfig.empty(), ADMIN));
    }

    @Test
    void the_lab_conf_from_a_real_capture_parses() throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/msgr2-crc.ceph.conf")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CephConfFile f = CephConfFile.parse(text, "msgr2-crc.ceph.conf");
        assertEquals(List.of("global", "mon", "osd", "client"), f.sections());
        CephConfig admin = f.resolve(ADMIN);
        assertEquals("[v2:127.0.0.1:3300,v1:127.0.0.1:6789]", admin.get("mon_host").orElseThrow());
        assertEquals(List.of("crc"), admin.getList("ms_mon_client_mode"));
        assertEquals("/tmp/ceph-lab/ceph.client.admin.keyring", admin.get("keyring").orElseThrow());
        assertEquals("", admin.get("admin_socket").orElseThrow()); // "admin_socket =" in [client]
        assertEquals("/tmp/ceph-lab/mon/ceph-a", f.resolve(MON_A).get("mon_data").orElseThrow());
        assertEquals("[[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a]",
            MonHosts.parse(admin.get("mon_host").orElseThrow()).toString());
    }

    @Test
    void syntax_errors_name_the_line() {
        assertError("[global]\nfoo\n", "t.conf:2: expected '=' after 'foo'");
        assertError("foo = bar\n", "t.conf:1: option 'foo' is outside of any section");
        assertError("[global\n", "t.conf:1: section heading without ']'");
        assertError("[]\n", "t.conf:1: empty section name");
        assertError("[global] junk\n", "t.conf:1: unexpected text after section heading [global]");
        assertError("[global]\n\nx = \"open\n", "t.conf:3: option 'x': missing closing \"");
        assertError("[global]\nx = \"a#b\"\n", "t.conf:2: option 'x': '#' inside a quoted value must be escaped as \\#");
        assertError("[global]\nx = \"a\" b\n", "t.conf:2: unexpected text after the quoted value of 'x'");
        assertError("[global]\n = v\n", "t.conf:2: option without a name before '='");
    }

    @Test
    void line_endings_and_missing_final_newline() {
        CephConfFile f = CephConfFile.parse("[global]\r\na = 1\r\nb = 2\rc = 3", "t");
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), f.section("global"));
        assertEquals(List.of(), CephConfFile.parse("", "t").sections());
        assertEquals(List.of(), CephConfFile.parse("\n  \n# only comments\n", "t").sections());
    }

    @Test
    void reading_files(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("ceph.conf");
        Files.writeString(conf, "[global]\nfsid = x\n");
        assertEquals(Optional.of("x"), CephConfFile.read(conf).get("global", "fsid"));
        assertThrows(NoSuchFileException.class, () -> CephConfFile.read(dir.resolve("nope.conf")));
        Path bad = dir.resolve("latin1.conf");
        Files.write(bad, new byte[] {'[', 'g', ']', '\n', 'a', '=', (byte) 0xe9, '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CephConfFile.read(bad));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void locate_follows_c_then_CEPH_CONF_then_the_default_path(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.conf"), "[global]\n");
        Path home = Files.createDirectories(dir.resolve("home/.ceph"));
        Path homeConf = Files.writeString(home.resolve("backup.conf"), "[global]\n");
        assertEquals(Optional.of(a), CephConfFile.locate(dir.resolve("missing.conf") + ", " + a, "ceph", Map.of()));
        assertEquals(Optional.of(a), CephConfFile.locate(null, "ceph", Map.of("CEPH_CONF", a.toString())));
        assertEquals(Optional.of(homeConf), CephConfFile.locate(null, "backup", Map.of("HOME", dir.resolve("home").toString())));
        assertEquals(Optional.empty(), CephConfFile.locate(dir.resolve("missing.conf").toString(), "ceph", Map.of()));
        assertEquals(Optional.empty(), CephConfFile.locate(dir.toString(), "ceph", Map.of()), "a directory is no conf");
    }

    @Test
    void to_string_shows_no_values() {
        CephConfFile f = CephConfFile.parse("[client.admin]\nkey = AQCATwJrnakFBBAAhQ6IXl62hKpppqwRwFYtzg==\n", "t");
        assertFalse(f.toString().contains("AQC"), f.toString());
        assertFalse(f.resolve(ADMIN).toString().contains("AQC"));
    }

    private static void assertError(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CephConfFile.parse(text, "t.conf"));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void dev_null_is_an_empty_conf_and_an_endless_device_is_refused() throws Exception {
        Path devNull = Path.of("/dev/null");
        assertEquals(Optional.of(devNull), CephConfFile.locate("/dev/null", "ceph", Map.of()));
        assertEquals(List.of(), CephConfFile.read(devNull).sections());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CephConfFile.read(Path.of("/dev/zero")));
        assertEquals("/dev/zero: more than 67108864 bytes, more than a config file may have", e.getMessage());
    }
}

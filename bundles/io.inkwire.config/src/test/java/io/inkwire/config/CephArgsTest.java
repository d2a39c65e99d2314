package io.inkwire.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CephArgsTest {

    private static Map<String, String> opts(CephArgs a) {
        return a.options().explicit();
    }

    @Test
    void the_three_spellings_of_an_option() {
        CephArgs a = CephArgs.parse(List.of("--ms_mon_client_mode", "crc", "--ms-crc-data=false",
            "--client_mount_timeout=5", "--ms-bind-ipv6", "-s"));
        assertEquals(Map.of("ms_mon_client_mode", "crc", "ms_crc_data", "false", "client_mount_timeout", "5",
            "ms_bind_ipv6", "true"), opts(a));
        assertEquals(List.of("-s"), a.positional());
    }

    @Test
    void positional_words_stay_in_order() {
        CephArgs a = CephArgs.parse(List.of("osd", "pool", "create", "--debug_ms", "1", "test", "8"));
        assertEquals(List.of("osd", "pool", "create", "test", "8"), a.positional());
        assertEquals(Map.of("debug_ms", "1"), opts(a));
    }

    @Test
    void a_boolean_never_eats_the_next_word() {
        // ceph_argparse_binary_flag: "--ms_crc_data false" is the flag plus a positional "false"
        CephArgs a = CephArgs.parse(List.of("--ms_crc_data", "status", "--log-to-stderr", "health"));
        assertEquals(Map.of("ms_crc_data", "true", "log_to_stderr", "true"), opts(a));
        assertEquals(List.of("status", "health"), a.positional());
    }

    @Test
    void an_option_without_a_value_is_a_flag() {
        CephArgs a = CephArgs.parse(List.of("--some_new_flag", "--other", "x", "--last"));
        assertEquals(Map.of("some_new_flag", "true", "other", "x", "last", "true"), opts(a));
    }

    @Test
    void short_options_and_names() {
        CephArgs a = CephArgs.parse(List.of("-c", "/etc/ceph/x.conf", "-k", "/k", "-K", "/kf", "-m", "10.0.0.1",
            "-n", "client.bob", "--cluster", "backup", "-M", "/mm"));
        assertEquals(Map.of("conf", "/etc/ceph/x.conf", "keyring", "/k", "keyfile", "/kf", "mon_host", "10.0.0.1",
            "name", "client.bob", "cluster", "backup", "monmap", "/mm"), opts(a));
        assertEquals(Optional.of(new EntityName(io.inkwire.api.addr.EntityType.CLIENT, "bob")), a.entityName());
        assertEquals(Optional.of("/etc/ceph/x.conf"), a.conf());

        assertEquals(Optional.of(new EntityName(io.inkwire.api.addr.EntityType.CLIENT, "alice")),
            CephArgs.parse(List.of("--name", "client.bob", "--id", "alice")).entityName());
        assertEquals(Optional.of(new EntityName(io.inkwire.api.addr.EntityType.OSD, "3")),
            CephArgs.parse(List.of("--user=alice", "--name=osd.3")).entityName());
        assertEquals(Optional.empty(), CephArgs.parse(List.of("-s")).entityName());
        // the CLI's own short options are left for it
        assertEquals(List.of("-i", "in.json", "-f", "json", "-o", "out"),
            CephArgs.parse(List.of("-i", "in.json", "-f", "json", "-o", "out")).positional());
    }

    @Test
    void double_dash_ends_options() {
        CephArgs a = CephArgs.parse(List.of("--debug_ms=1", "--", "--not-an-option", "x"));
        assertEquals(Map.of("debug_ms", "1"), opts(a));
        assertEquals(List.of("--not-an-option", "x"), a.positional());
    }

    @Test
    void pass_through_options_stay_positional_with_their_values() {
        CephArgs a = CephArgs.parse(List.of("--format", "json", "--watch", "--debug_ms", "5", "--format=plain"),
            null, Map.of("--format", 1, "--watch", 0));
        assertEquals(List.of("--format", "json", "--watch", "--format=plain"), a.positional());
        assertEquals(Map.of("debug_ms", "5"), opts(a));
    }

    @Test
    void CEPH_ARGS_is_split_like_a_shell_and_goes_after_the_command_line() {
        CephArgs a = CephArgs.parse(List.of("--id", "admin", "--debug_ms", "1", "status"),
            "--id 'lab user' --keyring=\"/tmp/my keyring\" --debug_ms 20 --log_file=a\\ b");
        assertEquals("client.lab user", opts(a).get("name"));
        assertEquals("/tmp/my keyring", opts(a).get("keyring"));
        assertEquals("20", opts(a).get("debug_ms")); // env_to_vec puts CEPH_ARGS after argv: it wins
        assertEquals("a b", opts(a).get("log_file"));
        assertEquals(List.of("status"), a.positional());

        CephArgs d = CephArgs.parse(List.of("a", "--", "b"), "--x=1 -- c");
        assertEquals(List.of("a", "b", "c"), d.positional());
        assertEquals(Map.of("x", "1"), opts(d));
        assertEquals(List.of("a", "b c", "d\"e", "$f", ""), CephArgs.splitShell(" a  'b c'\t\"d\\\"e\" \"\\$f\" '' "));
    }

    @Test
    void overrides_apply_on_top_of_the_conf() {
        CephConfFile conf = CephConfFile.parse("[global]\nms_mon_client_mode = secure\nlog_file = /l/$cluster.log\n", "t");
        CephArgs a = CephArgs.parse(List.of("--ms-mon-client-mode", "crc", "--cluster", "b"));
        CephConfig c = conf.resolve(a.entityName().orElse(EntityName.CLIENT_ADMIN), a.options());
        assertEquals("crc", c.get("ms_mon_client_mode").orElseThrow());
        assertEquals("/l/b.log", c.get("log_file").orElseThrow());
    }

    @Test
    void errors() {
        assertThrows(IllegalArgumentException.class, () -> CephArgs.parse(List.of("-c")));
        assertThrows(IllegalArgumentException.class, () -> CephArgs.parse(List.of("--keyring")));
        assertThrows(IllegalArgumentException.class, () -> CephArgs.parse(List.of("--name", "nobody")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CephArgs.splitShell("--x 'open"));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CephArgs.splitShell("\"open"));
    }
}

package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options a command's messengers and clients get from the command line, CEPH_ARGS and the conf. */
class CliContextTest {

    @TempDir
    Path dir;

    private boolean jmx(String confText, Map<String, String> env, String... argv) throws Exception {
        Path conf = Files.writeString(dir.resolve("ceph.conf"), confText);
        List<String> args = new ArrayList<>(List.of("-c", conf.toString(), "-m", "127.0.0.1:1"));
        args.addAll(List.of(argv));
        args.addAll(List.of("rados", "lspools"));
        CliContext ctx = new CliContext(CliArgs.parse(args), env, new PrintStream(new ByteArrayOutputStream()));
        return ctx.messengerConfig(ctx.verboseDispatcher()).build().options().getBoolean("inkwire_jmx", true);
    }

    @Test
    void a_command_publishes_no_mbeans_unless_told_to() throws Exception {
        assertFalse(jmx("", Map.of()), "off for a command by default (the library's default is on)");
        assertTrue(jmx("", Map.of(), "--inkwire_jmx=true"), "the command line");
        assertTrue(jmx("", Map.of("CEPH_ARGS", "--inkwire-jmx true")), "CEPH_ARGS");
        assertTrue(jmx("[client]\ninkwire jmx = true\n", Map.of()), "the conf file");
        assertFalse(jmx("[client]\ninkwire jmx = true\n", Map.of(), "--inkwire_jmx=false"), "the command line over the conf");
    }
}

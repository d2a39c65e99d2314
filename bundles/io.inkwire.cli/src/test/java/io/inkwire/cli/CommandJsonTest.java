package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A user's command is Ceph's JSON object; anything else is refused with the parser's message before it is sent. */
class CommandJsonTest {

    @TempDir
    Path dir;

    @Test
    void formatIsAddedToAnObjectThatHasNone() throws Exception {
        assertEquals("{\"prefix\":\"osd pool get\",\"pool\":\"a }\",\"ratio\":0.50,\"format\":\"json\"}",
                CommandJson.withFormat("{\"prefix\": \"osd pool get\", \"pool\": \"a }\", \"ratio\": 0.50}  \n", "json"));
    }

    @Test
    void aCommandThatNeedsNoChangeIsSentAsTyped() throws Exception {
        String typed = "{ \"prefix\" : \"status\", \"format\": \"json-pretty\" }";
        assertEquals(typed, CommandJson.withFormat(typed, "json"));
        assertEquals(typed, CommandJson.withFormat(typed, "plain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad", "{\"prefix\": \"status\"", "{\"prefix\": \"status\"}}", "{\"a\": 1} trailing", "[\"status\"]",
            "\"status\"", "", "   ", "{\"prefix\": \"status\",}"})
    void malformedCommandsAreRefusedOnOneLine(String text) {
        CommandJson.MalformedCommandException e = assertThrows(CommandJson.MalformedCommandException.class,
                () -> CommandJson.withFormat(text, "json"));
        assertTrue(e.getMessage().startsWith("invalid JSON command: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("Source:"), e.getMessage());
    }

    @Test
    void theParsersPositionIsInTheMessage() {
        CommandJson.MalformedCommandException e = assertThrows(CommandJson.MalformedCommandException.class,
                () -> CommandJson.parse("{\"prefix\": \"status\" \"x\"}"));
        assertTrue(e.getMessage().contains("line 1, column 21"), e.getMessage());
    }

    /** Exit status 22 (EINVAL, what the monitor answers such a command with), and not one byte reaches the monitor. */
    @ParameterizedTest
    @ValueSource(strings = {"mon-command", "tell"})
    void theCliRefusesBeforeConnecting(String command) throws Exception {
        try (ServerSocket mon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            mon.setSoTimeout(300);
            Path conf = Files.writeString(dir.resolve("ceph.conf"), "[global]\nmon_host = v2:127.0.0.1:" + mon.getLocalPort() + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> argv = command.equals("tell") ? List.of("-c", conf.toString(), "tell", "osd.0", "{bad")
                    : List.of("-c", conf.toString(), "mon-command", "{bad");
            int rc = Main.run(argv, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(22, rc, err::toString);
            assertEquals("inkwire: error: invalid JSON command: Unexpected character ('b' (code 98)): was expecting double-quote"
                    + " to start field name (line 1, column 2)\n", err.toString(StandardCharsets.UTF_8));
            assertEquals("", out.toString(StandardCharsets.UTF_8));
            assertThrows(SocketTimeoutException.class, mon::accept, "no connection to the monitor");
        }
    }
}

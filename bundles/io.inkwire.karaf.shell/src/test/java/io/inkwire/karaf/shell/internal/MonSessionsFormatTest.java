package io.inkwire.karaf.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code inkwire:mon-command -f FMT '<json>'}: the format goes into the JSON object; a malformed command is refused. */
class MonSessionsFormatTest {

    @Test
    void formatIsAddedUnlessPlainOrAlreadyThere() {
        assertEquals("{\"prefix\":\"osd dump\",\"epoch\":3,\"format\":\"json\"}", MonSessions.withFormat("{\"prefix\": \"osd dump\", \"epoch\": 3}", "json"));
        String typed = "{\"prefix\": \"status\", \"format\": \"json-pretty\"}";
        assertEquals(typed, MonSessions.withFormat(typed, "json"));
        assertEquals(typed, MonSessions.withFormat(typed, "plain"));
        assertEquals("{\"prefix\": \"}\"}", MonSessions.withFormat("{\"prefix\": \"}\"}", null));
    }

    @Test
    void malformedCommandsAreRefused() {
        for (String bad : new String[] {"{bad", "{\"prefix\": \"status\"", "[1]", "{} {}", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonSessions.withFormat(bad, "json"), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON command: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}

package io.inkwire.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A command in Ceph's JSON form ({@code {"prefix": "osd find", "id": 0}}), as the monitor and the
 * OSD parse it ({@code cmdmap_from_json}: one JSON object). A user's command is checked here before
 * anything is sent: the monitor would answer a malformed one with EINVAL, and so does the CLI.
 */
final class CommandJson {

    /** Floats as BigDecimal with their zeros, so a command that is rewritten (a format added) keeps its numbers as typed. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The user's command is not a JSON object; the message is the parser's, on one line. */
    static final class MalformedCommandException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedCommandException(String message) {
            super(message);
        }
    }

    private CommandJson() {
    }

    /** A command of our own: {@code prefix} and then the given name/value pairs. */
    static ObjectNode command(String prefix) {
        return MAPPER.createObjectNode().put("prefix", prefix);
    }

    /** Parses a command given on the command line. */
    static ObjectNode parse(String text) throws MalformedCommandException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedCommandException("invalid JSON command: " + oneLine(e));
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedCommandException("invalid JSON command: it is empty");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedCommandException("invalid JSON command: a command is a JSON object ({\"prefix\": ...}), not " + node.getNodeType().name().toLowerCase());
        }
        return object;
    }

    /**
     * The user's command as it will be sent: unchanged, or with {@code "format"} added when
     * {@code -f} asks for one and the command names none.
     */
    static String withFormat(String text, String format) throws MalformedCommandException {
        ObjectNode cmd = parse(text);
        if ("plain".equals(format) || cmd.has("format")) {
            return text;
        }
        return write(cmd.put("format", format));
    }

    static String write(JsonNode node) {
        return node.toString();
    }

    /** Jackson's own message without its multi-line location block, then line and column. */
    private static String oneLine(JsonProcessingException e) {
        // a nested location names its source ("[Source: REDACTED ...; line: 1, column: 1]"): keep line and column
        String what = e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ").replaceAll("\\[Source: [^;\\]]*; ", "[");
        JsonLocation at = e.getLocation();
        return at == null ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}

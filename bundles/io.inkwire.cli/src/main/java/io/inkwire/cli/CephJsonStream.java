package io.inkwire.cli;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JSON written the way Ceph's {@code JSONFormatter} writes it ({@code src/common/Formatter.cc}),
 * for output that must match a Ceph tool byte for byte: sections opened and closed in order,
 * the text buffered until {@link #flush}, which writes what was built so far (so a tool's JSON can
 * arrive piece by piece, as {@code rados bench -f json} prints one entry a second). Compact:
 * {@code {"a":"1","b":[{...}]}}; pretty: four spaces an indent level, {@code "a": "1"}, and a line
 * break after the outermost section closes.
 */
final class CephJsonStream {

    private final boolean pretty;
    private final StringBuilder pending = new StringBuilder();
    /** Per open section: is it an array, and how many entries it has so far. */
    private final Deque<int[]> stack = new ArrayDeque<>();

    CephJsonStream(boolean pretty) {
        this.pretty = pretty;
    }

    /** {@code -f json} or {@code -f json-pretty}; null for anything else. */
    static CephJsonStream forFormat(String format) {
        return switch (format) {
            case "json" -> new CephJsonStream(false);
            case "json-pretty" -> new CephJsonStream(true);
            default -> null;
        };
    }

    CephJsonStream openObject(String name) {
        return open(name, false);
    }

    CephJsonStream openArray(String name) {
        return open(name, true);
    }

    /** {@code dump_string} and {@code dump_format}: Ceph quotes both. */
    CephJsonStream string(String name, String value) {
        entry(name);
        quote(value);
        return this;
    }

    /** {@code dump_int}/{@code dump_unsigned}: a bare number. */
    CephJsonStream number(String name, long value) {
        entry(name);
        pending.append(value);
        return this;
    }

    CephJsonStream close() {
        int[] top = stack.pop();
        if (pretty && top[1] > 0) {
            pending.append('\n');
            indent(stack.size());
        }
        pending.append(top[0] == 1 ? ']' : '}');
        if (pretty && stack.isEmpty()) {
            pending.append('\n');
        }
        return this;
    }

    /** Closes whatever is still open (an error cut a tool's output short, as Ceph's tools still close it). */
    CephJsonStream closeAll() {
        while (!stack.isEmpty()) {
            close();
        }
        return this;
    }

    boolean isOpen() {
        return !stack.isEmpty();
    }

    /** Writes what was built since the last flush. */
    void flush(PrintStream out) {
        out.print(pending);
        out.flush();
        pending.setLength(0);
    }

    private CephJsonStream open(String name, boolean array) {
        entry(name);
        pending.append(array ? '[' : '{');
        stack.push(new int[] {array ? 1 : 0, 0});
        return this;
    }

    /** The comma, line break and indent before an entry, and its name inside an object. */
    private void entry(String name) {
        int[] top = stack.peek();
        if (top != null) {
            if (top[1] > 0) {
                pending.append(',');
            }
            if (pretty) {
                pending.append('\n');
                indent(stack.size());
            }
            top[1]++;
            if (top[0] == 0) {
                quote(name);
                pending.append(pretty ? ": " : ":");
            }
        }
    }

    private void indent(int level) {
        pending.append("    ".repeat(level));
    }

    private void quote(String s) {
        pending.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // escape_json_attr (src/common/escape.cc): the slash too, and DEL like a control character
            switch (c) {
                case '"' -> pending.append("\\\"");
                case '\\' -> pending.append("\\\\");
                case '/' -> pending.append("\\/");
                case '\n' -> pending.append("\\n");
                case '\t' -> pending.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        pending.append(String.format("\\u%04x", (int) c));
                    } else {
                        pending.append(c);
                    }
                }
            }
        }
        pending.append('"');
    }
}

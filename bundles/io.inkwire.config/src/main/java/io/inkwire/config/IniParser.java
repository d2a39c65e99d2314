package io.inkwire.config;

import io.inkwire.api.config.CephConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The INI dialect of {@code ceph.conf} and plaintext keyrings, after the grammar in Ceph's
 * {@code src/common/ConfUtils.cc}:
 * <ul>
 * <li>{@code [section]} headings; {@code key = value} lines; a key is words separated by blanks,
 *     normalised as {@link CephConfig#normalize} does;</li>
 * <li>{@code #} and {@code ;} start a comment anywhere outside an escape; a backslash escapes the
 *     next character ({@code \#} is a literal {@code #}); a backslash at the end of a line joins
 *     the next line;</li>
 * <li>a value may be quoted with {@code "..."} or {@code '...'} (then only a comment may follow),
 *     otherwise it is trimmed;</li>
 * <li>a key repeated in a section, or a section repeated in the file, merges: the last value wins.</li>
 * </ul>
 * Deliberately lenient where Ceph is not, harmlessly: a heading may be indented, and the last line
 * needs no newline. Errors name the line and never echo a value (a keyring's values are secrets).
 */
final class IniParser {

    /** Ceph refuses files over 1 GiB ({@code MAX_CONFIG_FILE_SZ}); a config this large is a mistake anyway. */
    static final int MAX_CHARS = 64 << 20;

    private final String s;
    private final String origin;
    private final boolean redact;
    private int pos;
    private int line = 1;

    private IniParser(String text, String origin, boolean redact) {
        this.s = text;
        this.origin = origin;
        this.redact = redact;
    }

    /**
     * Sections in file order, each its options in first-seen order; names are trimmed, keys
     * normalised. With {@code redact}, error messages quote no text from the file (keyrings).
     */
    static Map<String, Map<String, String>> parse(String text, String origin, boolean redact) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException(origin + ": larger than " + MAX_CHARS + " characters");
        }
        return new IniParser(text, origin, redact).file();
    }

    private Map<String, Map<String, String>> file() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        while (!atEnd()) {
            if (restOfLineIsBlank()) {
                continue;
            }
            if (s.charAt(pos) == '[') {
                String name = heading();
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            int keyLine = line;
            String key = key();
            if (current == null) {
                throw error(keyLine, "option '" + printable(key) + "' is outside of any section (add a [global] line above it)");
            }
            String value = value(key);
            current.remove(key); // the last one wins, and takes the later position
            current.put(key, value);
        }
        return sections;
    }

    private String heading() {
        int at = line;
        pos++; // '['
        StringBuilder name = new StringBuilder();
        while (true) {
            if (atEnd() || atEol()) {
                throw error(at, "section heading without ']'");
            }
            char c = s.charAt(pos);
            if (c == ']') {
                pos++;
                break;
            }
            if (c == '#' || c == ';') {
                throw error(at, "comment character '" + c + "' inside a section heading");
            }
            name.append(textChar());
        }
        String n = name.toString().trim();
        if (n.isEmpty()) {
            throw error(at, "empty section name");
        }
        endOfLine(at, "after section heading [" + printable(n) + "]");
        return n;
    }

    /** Words of non-blank characters other than {@code = [}, separated by blanks. */
    private String key() {
        int at = line;
        StringBuilder k = new StringBuilder();
        while (true) {
            skipContinuations();
            if (atEnd() || atEol()) {
                throw error(at, "expected '=' after '" + printable(k.toString().trim()) + "'");
            }
            char c = s.charAt(pos);
            if (c == '=') {
                pos++;
                break;
            }
            if (c == '[' || c == '#' || c == ';') {
                throw error(at, "unexpected '" + c + "' in option name '" + printable(k.toString().trim()) + "'");
            }
            k.append(textChar());
        }
        String key = k.toString().trim().replaceAll("\\s+", " ");
        if (key.isEmpty()) {
            throw error(at, "option without a name before '='");
        }
        return CephConfig.normalize(key);
    }

    private String value(String key) {
        int at = line;
        skipBlanks();
        skipContinuations();
        skipBlanks();
        if (!atEnd() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
            char quote = s.charAt(pos++);
            StringBuilder v = new StringBuilder();
            while (true) {
                skipContinuations();
                if (atEnd() || atEol()) {
                    throw error(at, "option '" + printable(key) + "': missing closing " + quote);
                }
                char c = s.charAt(pos);
                if (c == quote) {
                    pos++;
                    break;
                }
                if (c == '#' || c == ';') {
                    // ConfUtils.cc: a quoted value is made of text_chars, which exclude comment starts
                    throw error(at, "option '" + printable(key) + "': '" + c + "' inside a quoted value must be escaped as \\" + c);
                }
                v.append(textChar());
            }
            endOfLine(at, "after the quoted value of '" + printable(key) + "'");
            return v.toString();
        }
        StringBuilder v = new StringBuilder();
        while (true) {
            skipContinuations();
            if (atEnd() || atEol()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '#' || c == ';') {
                restOfLineIsComment();
                return v.toString().strip();
            }
            v.append(textChar());
        }
        if (!atEnd()) {
            eol();
        }
        return v.toString().strip();
    }

    /** One character of text: {@code \x} is a literal x. */
    private char textChar() {
        char c = s.charAt(pos++);
        if (c == '\\' && !atEnd() && !atEol()) {
            return s.charAt(pos++);
        }
        return c;
    }

    /** A backslash right before the end of a line joins the next line. */
    private void skipContinuations() {
        while (pos + 1 <= s.length() - 1 && s.charAt(pos) == '\\' && isEolChar(s.charAt(pos + 1))) {
            pos++;
            eol();
        }
    }

    private void endOfLine(int at, String where) {
        if (!restOfLineIsBlank()) {
            throw error(at, "unexpected text " + where);
        }
    }

    /** True, with the line consumed, when the rest of it holds only blanks and perhaps a comment; false, at the first other character. */
    private boolean restOfLineIsBlank() {
        skipBlanks();
        if (atEnd()) {
            return true;
        }
        if (atEol()) {
            eol();
            return true;
        }
        char c = s.charAt(pos);
        if (c == '#' || c == ';') {
            restOfLineIsComment();
            return true;
        }
        return false;
    }

    private void restOfLineIsComment() {
        while (!atEnd() && !atEol()) {
            pos++;
        }
        if (!atEnd()) {
            eol();
        }
    }

    private void skipBlanks() {
        while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private boolean atEol() {
        return isEolChar(s.charAt(pos));
    }

    private static boolean isEolChar(char c) {
        return c == '\n' || c == '\r';
    }

    /** Consumes {@code \n}, {@code \r\n} or {@code \r}. */
    private void eol() {
        if (s.charAt(pos) == '\r' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private String printable(String k) {
        if (redact) {
            return "<redacted>";
        }
        return k.length() > 40 ? k.substring(0, 40) + "..." : k;
    }

    private IllegalArgumentException error(int at, String why) {
        return new IllegalArgumentException(origin + ":" + at + ": " + why);
    }
}

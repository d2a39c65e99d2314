package io.inkwire.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A JSON document as Ceph's {@code JSONFormatter} flushes it ({@code src/common/Formatter.cc}): compact
 * with no line break after it, or pretty with four spaces an indent level, {@code "key": value},
 * empty sections as {@code []} and {@code {}}, and a line break at the end.
 */
final class CephPrettyJson {

    private CephPrettyJson() {
    }

    static String write(JsonNode node, boolean pretty) throws JsonProcessingException {
        return pretty ? CommandJson.MAPPER.writer(new Printer()).writeValueAsString(node) + "\n"
                : CommandJson.MAPPER.writeValueAsString(node);
    }

    /** Jackson's pretty printer with Ceph's indent and spacing, and nothing between the brackets of an empty section. */
    private static final class Printer extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        Printer() {
            super(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n"))
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
        }

        @Override
        public Printer createInstance() {
            return new Printer();
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues > 0) {
                super.writeEndArray(g, nrOfValues);
                return;
            }
            if (!_arrayIndenter.isInline()) {
                --_nesting;
            }
            g.writeRaw(']');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (nrOfEntries > 0) {
                super.writeEndObject(g, nrOfEntries);
                return;
            }
            if (!_objectIndenter.isInline()) {
                --_nesting;
            }
            g.writeRaw('}');
        }
    }
}

package io.inkwire.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code bench -f json|json-pretty}: the report's tree of maps (in their order), lists, strings and
 * numbers, written by Jackson. A measured figure keeps 4 significant digits (more would be noise),
 * a whole one is written as an integer, and NaN or an infinity (a figure this run could not
 * measure) is {@code null}.
 */
final class BenchJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("bench-figures")
            .addSerializer(Double.class, new FigureSerializer())
            .addSerializer(Double.TYPE, new FigureSerializer()));

    /** Two-space indentation, {@code "key": value}, empty containers as {@code {}} and {@code []}. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));

    private BenchJson() {
    }

    static String write(Object tree, boolean pretty) {
        try {
            return pretty ? MAPPER.writer(PRETTY).writeValueAsString(tree) : MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of maps, lists, strings and numbers always writes
        }
    }

    /** A figure as bench prints it: whole numbers as integers, others to 4 significant digits. */
    static String figure(double d) {
        return toDecimal(d).toPlainString();
    }

    private static BigDecimal toDecimal(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return BigDecimal.valueOf((long) d);
        }
        return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros();
    }

    private static final class FigureSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(figure(value));
            } else {
                gen.writeNull();
            }
        }
    }
}

package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench's JSON: the report's tree in its order, figures to 4 significant digits, unmeasured ones null. */
class BenchJsonTest {

    private static Map<String, Object> tree() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", "crc \"quoted\"");
        run.put("messages", 123456789L);
        run.put("messages_per_s", 98765.4321);
        run.put("p50", 0.000123456);
        run.put("whole", 3.0);
        run.put("unmeasured", Double.NaN);
        run.put("empty", new LinkedHashMap<>());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runs", List.of(run));
        root.put("targets", List.of());
        root.put("met", true);
        root.put("value", null);
        return root;
    }

    @Test
    void compact() {
        assertEquals("{\"runs\":[{\"mode\":\"crc \\\"quoted\\\"\",\"messages\":123456789,\"messages_per_s\":98770,\"p50\":0.0001235,"
                + "\"whole\":3,\"unmeasured\":null,\"empty\":{}}],\"targets\":[],\"met\":true,\"value\":null}", BenchJson.write(tree(), false));
    }

    @Test
    void pretty() {
        assertEquals(String.join("\n",
                "{",
                "  \"runs\": [",
                "    {",
                "      \"mode\": \"crc \\\"quoted\\\"\",",
                "      \"messages\": 123456789,",
                "      \"messages_per_s\": 98770,",
                "      \"p50\": 0.0001235,",
                "      \"whole\": 3,",
                "      \"unmeasured\": null,",
                "      \"empty\": {}",
                "    }",
                "  ],",
                "  \"targets\": [],",
                "  \"met\": true,",
                "  \"value\": null",
                "}"), BenchJson.write(tree(), true));
    }

    @Test
    void figures() {
        assertEquals("1.235", BenchJson.figure(1.23456));
        assertEquals("12350", BenchJson.figure(12345.6));
        assertEquals("-2", BenchJson.figure(-2.0));
        assertEquals("0.5", BenchJson.figure(0.5));
    }
}

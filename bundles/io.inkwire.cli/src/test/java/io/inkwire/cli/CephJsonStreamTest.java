package io.inkwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The expected texts are what rados bench -f json / json-pretty printed against a Ceph 16.2 lab. */
class CephJsonStreamTest {

    private static void bench(CephJsonStream j, PrintStream out) {
        j.openObject("bench");
        j.openArray("datas");
        j.openObject("data").string("sec", "0").string("cur_ops", "16").close().flush(out);
        j.openObject("data").string("sec", "1").string("cur_ops", "13").close().flush(out);
        j.close();
        j.string("total_time_run", "2.000925").string("min_latency", "0.000306");
        j.closeAll().flush(out);
    }

    @Test
    void compactAsCeph() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bench(new CephJsonStream(false), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("{\"datas\":[{\"sec\":\"0\",\"cur_ops\":\"16\"},{\"sec\":\"1\",\"cur_ops\":\"13\"}],"
                + "\"total_time_run\":\"2.000925\",\"min_latency\":\"0.000306\"}", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void prettyAsCeph() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bench(new CephJsonStream(true), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(String.join("\n",
                "{",
                "    \"datas\": [",
                "        {",
                "            \"sec\": \"0\",",
                "            \"cur_ops\": \"16\"",
                "        },",
                "        {",
                "            \"sec\": \"1\",",
                "            \"cur_ops\": \"13\"",
                "        }",
                "    ],",
                "    \"total_time_run\": \"2.000925\",",
                "    \"min_latency\": \"0.000306\"",
                "}",
                ""), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void emptySectionsAndNumbersAsCephDfPrintsThem() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CephJsonStream j = new CephJsonStream(false);
        j.openObject("stats").openArray("pools").close().number("total_objects", 0).number("total_used", 0).close()
                .flush(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("{\"pools\":[],\"total_objects\":0,\"total_used\":0}", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void escapesAsEscapeJsonAttr() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CephJsonStream(false).openObject("o").string("k", "a/b\"c\\d\te\nf\u0001\u007f").close()
                .flush(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("{\"k\":\"a\\/b\\\"c\\\\d\\te\\nf\\u0001\\u007f\"}", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void flushWritesOnlyWhatIsNew() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CephJsonStream j = new CephJsonStream(false);
        j.openObject("bench").string("a", "1").flush(out);
        assertEquals("{\"a\":\"1\"", bytes.toString(StandardCharsets.UTF_8));
        out.print("Cleaning up (deleting benchmark objects)\n");
        j.closeAll().flush(out);
        assertEquals("{\"a\":\"1\"Cleaning up (deleting benchmark objects)\n}", bytes.toString(StandardCharsets.UTF_8));
    }
}

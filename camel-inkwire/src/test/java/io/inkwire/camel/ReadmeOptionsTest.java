package io.inkwire.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * The README's option and header tables are the generated catalog JSON's content, so the docs
 * cannot drift from the annotations. On a mismatch the expected tables are written to
 * target/README-options.md: paste them under the README's last heading.
 */
class ReadmeOptionsTest {

    static final String MARKER = "These tables are the generated catalog JSON's content.\n";

    @Test
    void theReadmeTablesAreTheCatalogs() throws Exception {
        JsonObject catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/inkwire/camel/inkwire-rados.json")) {
            catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String expected = render(catalog);
        String readme = Files.readString(Paths.get("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(MARKER);
        String actual = at < 0 ? "" : readme.substring(at + MARKER.length());
        if (!expected.equals(actual)) {
            Path out = Paths.get("target", "README-options.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "README.md's tables differ from the catalog JSON: the expected ones are in target/README-options.md");
    }

    static String render(JsonObject catalog) {
        JsonObject component = (JsonObject) catalog.get("componentProperties");
        JsonObject endpoint = (JsonObject) catalog.get("properties");
        JsonObject headers = (JsonObject) catalog.get("headers");
        StringBuilder b = new StringBuilder();
        b.append("\n### Component options (").append(component.size()).append(")\n\n");
        table(b, component, null);
        b.append("\n### Endpoint options\n\nPath parameter (").append(count(endpoint, "path")).append("):\n\n");
        table(b, endpoint, "path");
        b.append("\nQuery parameters (").append(count(endpoint, "parameter")).append("):\n\n");
        table(b, endpoint, "parameter");
        b.append("\n### Message headers (").append(headers.size()).append(")\n\n");
        b.append("| Name | Description | Default | Type |\n|---|---|---|---|\n");
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            JsonObject h = (JsonObject) e.getValue();
            b.append("| `").append(e.getKey()).append("` (").append(h.getOrDefault("group", "")).append(") | ")
                    .append(cell(h.get("description"))).append(" | ").append(cell(h.get("defaultValue"))).append(" | `")
                    .append(h.get("javaType")).append("` |\n");
        }
        return b.toString();
    }

    private static long count(JsonObject props, String kind) {
        return props.values().stream().filter(v -> kind.equals(((JsonObject) v).get("kind"))).count();
    }

    private static void table(StringBuilder b, JsonObject props, String kind) {
        b.append("| Name | Description | Default | Type |\n|---|---|---|---|\n");
        for (Map.Entry<String, Object> e : props.entrySet()) {
            JsonObject p = (JsonObject) e.getValue();
            if (kind != null && !kind.equals(p.get("kind"))) {
                continue;
            }
            b.append("| `").append(e.getKey()).append("` (").append(p.getOrDefault("group", "")).append(") | ")
                    .append(cell(p.get("description"))).append(" | ").append(cell(p.get("defaultValue"))).append(" | ")
                    .append(p.get("type")).append(" |\n");
        }
    }

    private static String cell(Object v) {
        return v == null ? "" : String.valueOf(v).replace("|", "\\|").replace("\n", " ");
    }
}

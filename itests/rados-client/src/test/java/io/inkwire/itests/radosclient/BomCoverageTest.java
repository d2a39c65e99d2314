package io.inkwire.itests.radosclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * inkwire-bom manages exactly the artifacts the reactor publishes: every module reachable from the
 * root pom but the aggregators (packaging pom with modules), the integration tests and the BOM
 * itself, each at the project version (so that a new bundle cannot be forgotten).
 */
class BomCoverageTest {

    private static final Path ROOT = Path.of(System.getProperty("inkwire.root")).normalize();

    @Test
    void theBomNamesEveryPublishedArtifactAtTheProjectVersion() throws Exception {
        TreeSet<String> published = new TreeSet<>();
        collect(ROOT, published);

        Element bom = parse(ROOT.resolve("bom/pom.xml"));
        TreeMap<String, String> managed = new TreeMap<>();
        Element dm = child(bom, "dependencyManagement");
        for (Element d : children(child(dm, "dependencies"), "dependency")) {
            assertEquals("io.inkwire", text(d, "groupId"), "groupId of " + text(d, "artifactId"));
            managed.put(text(d, "artifactId"), text(d, "version"));
        }
        assertEquals(published, new TreeSet<>(managed.keySet()));
        managed.forEach((a, v) -> assertEquals("${project.version}", v, a));
        assertEquals(text(parse(ROOT.resolve("pom.xml")), "version"), text(bom, "version"), "the BOM's own version");
    }

    /** Adds the artifactId of every publishable module under {@code dir}. */
    private static void collect(Path dir, TreeSet<String> out) throws Exception {
        Element pom = parse(dir.resolve("pom.xml"));
        Element modules = child(pom, "modules");
        String artifactId = text(pom, "artifactId");
        if (modules != null) {
            for (Element m : children(modules, "module")) {
                String name = m.getTextContent().trim();
                if (!name.equals("itests") && !name.equals("bom")) {
                    collect(dir.resolve(name), out);
                }
            }
        } else {
            out.add(artifactId);
        }
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(pom.toFile());
        return doc.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}

package io.inkwire.config;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code ceph.conf}: named sections ({@code [global]}, {@code [client]},
 * {@code [client.admin]}, {@code [mon.a]}, ...) of options. Syntax as Ceph's
 * {@code ConfUtils.cc}: {@code key = value}, names with spaces, dashes or underscores alike,
 * {@code #}/{@code ;} comments, quoted values, {@code \}-continued lines.
 *
 * <p>{@link #resolve(EntityName)} gives the options one entity sees, with Ceph's precedence
 * (md_config_t::_get_my_sections): {@code [global]} &lt; {@code [TYPE]} &lt; {@code [TYPE.ID]},
 * then metavariables expanded ({@link Metavariables}).
 *
 * <p>{@link #toString()} shows section names only: a conf may hold a {@code key}.
 */
public final class CephConfFile {

    /**
     * Ceph's default config search path ({@code CEPH_CONF_FILE_DEFAULT} in
     * {@code src/common/config.cc}), without the daemon-only {@code $data_dir/config}.
     */
    public static final String DEFAULT_SEARCH_PATH = "/etc/ceph/$cluster.conf, ~/.ceph/$cluster.conf, $cluster.conf";

    private final String origin;
    private final Map<String, Map<String, String>> sections;

    private CephConfFile(String origin, Map<String, Map<String, String>> sections) {
        this.origin = origin;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.sections = Collections.unmodifiableMap(copy);
    }

    /** A file with no sections. */
    public static CephConfFile empty() {
        return new CephConfFile("(empty)", Map.of());
    }

    /**
     * Parses conf text.
     *
     * @param origin names the text in error messages (a path, "CEPH_CONF", ...)
     * @throws IllegalArgumentException naming {@code origin} and the line of a syntax error
     */
    public static CephConfFile parse(String text, String origin) {
        return new CephConfFile(origin, IniParser.parse(text, origin, false));
    }

    /**
     * Reads and parses a file, which must be UTF-8 (as Ceph requires).
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException on a syntax error or invalid UTF-8
     */
    public static CephConfFile read(Path file) throws IOException {
        return parse(readUtf8(file, file.toString()), file.toString());
    }

    /**
     * The conf file a {@code ceph} command would read: the {@code -c} value if given (a list: the
     * first existing file), else {@code $CEPH_CONF}, else {@link #DEFAULT_SEARCH_PATH}; in each
     * entry {@code $cluster} is expanded and a leading {@code ~/} means {@code $HOME}.
     *
     * @param confOption the {@code conf} option ({@code -c}), or null
     * @param cluster the cluster name, normally {@code ceph}
     * @param env the environment ({@code System.getenv()})
     */
    public static Optional<Path> locate(String confOption, String cluster, Map<String, String> env) {
        String list = confOption;
        if (list == null || list.isBlank()) {
            list = env.get("CEPH_CONF");
        }
        if (list == null || list.isBlank()) {
            list = DEFAULT_SEARCH_PATH;
        }
        for (String entry : splitList(list)) {
            String p = entry.replace("${cluster}", cluster).replace("$cluster", cluster);
            if (p.startsWith("~/")) {
                String home = env.get("HOME");
                if (home == null) {
                    continue;
                }
                p = home + p.substring(1);
            }
            Path path = Paths.get(p);
            // a file, or what reads like one: `-c /dev/null` is Ceph's idiom for "no configuration file"
            if (Files.exists(path) && !Files.isDirectory(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Where this conf came from, as given to {@link #parse} or {@link #read}. */
    public String origin() {
        return origin;
    }

    /** The section names in file order. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    public boolean hasSection(String name) {
        return sections.containsKey(name);
    }

    /** The options of one section (normalised names, raw values), empty if there is no such section. */
    public Map<String, String> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }

    /** One raw value from one section. */
    public Optional<String> get(String section, String option) {
        return Optional.ofNullable(section(section).get(CephConfig.normalize(option)));
    }

    /**
     * The first value of {@code option} among {@code sectionNames}, in that order (Ceph's
     * {@code get_val_from_conf_file}).
     */
    public Optional<String> get(List<String> sectionNames, String option) {
        for (String s : sectionNames) {
            Optional<String> v = get(s, option);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The sections {@code entity} reads, most specific first: {@code client.admin}, {@code client}, {@code global}. */
    public static List<String> sectionsFor(EntityName entity) {
        return List.of(entity.toString(), entity.type().text(), "global");
    }

    /** The options {@code entity} sees, unexpanded: global, then its type's section, then its own. */
    public Map<String, String> options(EntityName entity) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(sectionsFor(entity));
        Collections.reverse(order);
        for (String s : order) {
            m.putAll(section(s));
        }
        return m;
    }

    /** The options {@code entity} sees, metavariables expanded. */
    public CephConfig resolve(EntityName entity) {
        return resolve(entity, CephConfig.empty());
    }

    /**
     * The options {@code entity} sees with {@code overrides} (e.g. {@link CephArgs#options()})
     * applied on top, then metavariables expanded — so {@code --cluster} affects {@code $cluster}.
     */
    public CephConfig resolve(EntityName entity, CephConfig overrides) {
        CephConfig merged = CephConfig.of(options(entity)).withAll(overrides);
        return Metavariables.expandAll(merged, entity);
    }

    @Override
    public String toString() {
        return "CephConfFile[" + origin + ": " + String.join(", ", sections.keySet()) + "]";
    }

    /** Comma- or semicolon-separated, trimmed, empty items dropped. */
    static List<String> splitList(String list) {
        List<String> out = new ArrayList<>();
        for (String item : list.split("[,;]")) {
            String t = item.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static String readUtf8(Path file, String origin) throws IOException {
        long size = Files.size(file);
        if (size > IniParser.MAX_CHARS) {
            throw new IllegalArgumentException(origin + ": " + size + " bytes, more than a config file may have");
        }
        byte[] raw;
        // at most one byte past the limit, whatever the size said: a device or a pipe has no size (/dev/zero never ends)
        try (java.io.InputStream in = Files.newInputStream(file)) {
            raw = in.readNBytes(IniParser.MAX_CHARS + 1);
        }
        if (raw.length > IniParser.MAX_CHARS) {
            java.util.Arrays.fill(raw, (byte) 0);
            throw new IllegalArgumentException(origin + ": more than " + IniParser.MAX_CHARS + " bytes, more than a config file may have");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(origin + ": not valid UTF-8");
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }
}

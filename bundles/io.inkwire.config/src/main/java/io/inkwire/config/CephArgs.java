package io.inkwire.config;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ceph options taken from a command line and the {@code CEPH_ARGS} environment string, as the
 * {@code ceph} CLI does ({@code md_config_t::parse_argv}, {@code ceph_argparse.cc}): the result is
 * the options (to apply on top of the conf file, see {@link CephConfFile#resolve(EntityName, CephConfig)})
 * and the remaining positional arguments. A pure function of its inputs.
 *
 * <p>Recognised:
 * <ul>
 * <li>{@code --name_of_option VALUE}, {@code --name_of_option=VALUE}, {@code --name-of-option ...}
 *     (dashes and underscores alike); an option with no value ({@code --opt} last, or followed by
 *     another {@code --option}) is the flag {@code true}; a known boolean option never takes the
 *     next argument ({@code ceph_argparse_binary_flag});</li>
 * <li>the short forms {@code -c/--conf} ({@code conf}), {@code -k} ({@code keyring}), {@code -K}
 *     ({@code keyfile}), {@code -m} ({@code mon_host}), {@code -M} ({@code monmap}),
 *     {@code -n/--name} and {@code --id/--user} (both set {@code name}; {@code --id X} means
 *     {@code client.X}; the last one wins), {@code --cluster};</li>
 * <li>{@code --} ends the options; everything after it is positional.</li>
 * </ul>
 * Anything else that starts with a single {@code -} ({@code -s}, {@code -i FILE}, {@code -f json})
 * is the CLI's business and stays positional, as do options listed as pass-through.
 *
 * <p>{@code CEPH_ARGS} is split like a shell would (blanks; {@code '...'}, {@code "..."} and
 * backslash quoting). As in Ceph's {@code env_to_vec}, its options are placed <em>after</em>
 * the command line's, so an option given in both takes the {@code CEPH_ARGS} value.
 *
 * @param options the options set, normalised names ({@link CephConfig#explicit()})
 * @param positional the arguments that are not options, in order
 */
public record CephArgs(CephConfig options, List<String> positional) {

    /**
     * Boolean options: {@code --opt} never consumes the next argument. Ceph knows every option's
     * type; inkwire knows those it reads plus common daemon/logging flags.
     */
    static final Set<String> KNOWN_FLAGS = Set.of(
        "daemonize", "log_to_stderr", "err_to_stderr", "log_to_syslog", "log_to_file", "log_flush_on_exit",
        "no_mon_config", "mon_config", "ms_bind_ipv4", "ms_bind_ipv6", "ms_bind_msgr1", "ms_bind_msgr2",
        "ms_crc_data", "ms_crc_header", "cephx_sign_messages", "cephx_require_signatures",
        "cephx_cluster_require_signatures", "cephx_service_require_signatures", "ms_die_on_bad_msg",
        "fuse_debug");

    public CephArgs {
        positional = List.copyOf(positional);
    }

    /** Parses the command line alone. */
    public static CephArgs parse(List<String> argv) {
        return parse(argv, null, Map.of());
    }

    /** Parses the command line and {@code CEPH_ARGS} ({@code null} or empty when unset). */
    public static CephArgs parse(List<String> argv, String cephArgsEnv) {
        return parse(argv, cephArgsEnv, Map.of());
    }

    /**
     * Parses the command line and {@code CEPH_ARGS}, leaving the CLI's own options in the
     * positional arguments.
     *
     * @param passThrough the CLI's own long or short options (e.g. {@code --format}, {@code -o}),
     *     each with how many following arguments belong to it (0 or 1); they stay positional, with
     *     their values, untouched
     * @throws IllegalArgumentException for an option that needs a value and has none, or
     *     unbalanced quotes in {@code CEPH_ARGS}
     */
    public static CephArgs parse(List<String> argv, String cephArgsEnv, Map<String, Integer> passThrough) {
        List<String> args = withEnv(argv, cephArgsEnv == null ? List.of() : splitShell(cephArgsEnv));
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                rest.addAll(args.subList(i + 1, args.size()));
                break;
            }
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            Integer arity = passThrough.get(flag);
            if (arity != null) {
                rest.add(a);
                for (int k = 0; k < arity && !a.contains("=") && i + 1 < args.size(); k++) {
                    rest.add(args.get(++i));
                }
                continue;
            }
            String shortName = shortOption(a);
            if (shortName != null) {
                String v = requireValue(args, i, a);
                i++;
                put(opts, shortName, v);
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                rest.add(a); // a positional word, '-', or a short option of the CLI
                continue;
            }
            String body = a.substring(2);
            int eq = body.indexOf('=');
            String name = CephConfig.normalize(eq >= 0 ? body.substring(0, eq) : body);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("bad option '" + a + "'");
            }
            String value;
            if (eq >= 0) {
                value = body.substring(eq + 1);
            } else if (longWithValue(name)) {
                value = requireValue(args, i, a);
                i++;
            } else if (KNOWN_FLAGS.contains(name) || isFlagDefault(name)
                || i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                value = "true";
            } else {
                value = args.get(++i);
            }
            put(opts, name, value);
        }
        return new CephArgs(CephConfig.of(opts), rest);
    }

    /** The entity chosen with {@code --name} / {@code --id}, if any. */
    public Optional<EntityName> entityName() {
        return options.isSet("name") ? Optional.of(EntityName.parse(options.explicit().get("name"))) : Optional.empty();
    }

    /** The {@code -c/--conf} value, if given. */
    public Optional<String> conf() {
        return Optional.ofNullable(options.explicit().get("conf"));
    }

    /**
     * Splits a string into words as a POSIX shell would, without expansions: blanks separate
     * words; {@code '...'} is literal; in {@code "..."} a backslash escapes {@code " \ $ `};
     * outside quotes a backslash escapes any character.
     *
     * @throws IllegalArgumentException on an unterminated quote
     */
    public static List<String> splitShell(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int close = s.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("CEPH_ARGS: unterminated ' quote at offset " + i);
                }
                w.append(s, i + 1, close);
                i = close;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < s.length() && s.charAt(j) != '"'; j++) {
                    char d = s.charAt(j);
                    if (d == '\\' && j + 1 < s.length() && "\"\\$`".indexOf(s.charAt(j + 1)) >= 0) {
                        d = s.charAt(++j);
                    }
                    w.append(d);
                }
                if (j >= s.length()) {
                    throw new IllegalArgumentException("CEPH_ARGS: unterminated \" quote at offset " + i);
                }
                i = j;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
            } else {
                w.append(c);
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** Ceph's env_to_vec: argv options, CEPH_ARGS options, then (after one "--") both positional tails. */
    private static List<String> withEnv(List<String> argv, List<String> env) {
        int a = argv.indexOf("--");
        int e = env.indexOf("--");
        List<String> out = new ArrayList<>(a >= 0 ? argv.subList(0, a) : argv);
        out.addAll(e >= 0 ? env.subList(0, e) : env);
        if (a >= 0 || e >= 0) {
            out.add("--");
            if (a >= 0) {
                out.addAll(argv.subList(a + 1, argv.size()));
            }
            if (e >= 0) {
                out.addAll(env.subList(e + 1, env.size()));
            }
        }
        return out;
    }

    private static void put(Map<String, String> opts, String name, String value) {
        if (name.equals("id")) {
            // --id X names client.X (the ceph CLI is a client); a later --name/--id replaces it
            name = "name";
            value = EntityType.CLIENT.text() + "." + value;
        }
        if (name.equals("user")) {
            name = "name";
            value = EntityType.CLIENT.text() + "." + value;
        }
        if (name.equals("name")) {
            EntityName.parse(value); // fail early on a bad name
        }
        opts.remove(name);
        opts.put(name, value);
    }

    /** The option a short (or CLI-spelled) switch sets, or null. */
    private static String shortOption(String a) {
        switch (a) {
            case "-c": case "--conf": return "conf";
            case "-k": return "keyring";
            case "-K": return "keyfile";
            case "-m": return "mon_host";
            case "-M": return "monmap";
            case "-n": return "name";
            default: return null;
        }
    }

    /** Options that always take a value, even if it looks like an option. */
    private static boolean longWithValue(String name) {
        switch (name) {
            case "name": case "id": case "user": case "cluster": case "conf": case "keyring": case "keyfile":
            case "mon_host": case "monmap": case "key":
                return true;
            default:
                return false;
        }
    }

    private static boolean isFlagDefault(String name) {
        String d = CephConfig.DEFAULTS.get(name);
        return "true".equals(d) || "false".equals(d);
    }

    private static String requireValue(List<String> args, int i, String a) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("option " + a + " requires an argument");
        }
        return args.get(i + 1);
    }
}

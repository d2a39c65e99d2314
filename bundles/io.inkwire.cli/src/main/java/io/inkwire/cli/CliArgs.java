package io.inkwire.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line as the {@code ceph} CLI takes it: its own flags ({@code -c -k -n -i -m -f -v})
 * and any Ceph option as {@code --name VALUE} or {@code --name=VALUE}, before or after the command.
 */
final class CliArgs {

    String conf;
    String keyring;
    String name;
    String id;
    String monHost;
    String format = "plain";
    boolean verbose;
    boolean help;
    final Map<String, String> options = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    /** Flags of the commands themselves (e.g. {@code serve --bind}), kept apart from Ceph options. */
    static final List<String> COMMAND_FLAGS = List.of("bind", "count", "size", "seconds", "pool", "namespace", "offset",
            "block_size", "concurrent_ios", "snap", "object_locator", "run_name", "max_objects",
            "lock_tag", "lock_cookie", "lock_description", "lock_duration", "lock_type");
    /** Command flags without a value, as the {@code rados} tool has them. */
    static final List<String> COMMAND_SWITCHES = List.of("all", "no_cleanup", "striper");
    /** The {@code rados} tool's short flags, as long ones. */
    static final Map<String, String> SHORT_COMMAND_FLAGS = Map.of("-p", "pool", "-N", "namespace", "-b", "block_size",
            "-t", "concurrent_ios", "-s", "snap");
    final Map<String, String> commandFlags = new LinkedHashMap<>();

    static CliArgs parse(List<String> argv) {
        CliArgs a = new CliArgs();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            switch (s) {
                case "-c": case "--conf": a.conf = value(argv, ++i, s); continue;
                case "-k": case "--keyring": a.keyring = value(argv, ++i, s); continue;
                case "-n": case "--name": a.name = value(argv, ++i, s); continue;
                case "-i": case "--id": case "--user": a.id = value(argv, ++i, s); continue;
                case "-m": case "--mon-host": a.monHost = value(argv, ++i, s); continue;
                case "-f": case "--format": a.format = value(argv, ++i, s); continue;
                case "-v": case "--verbose": a.verbose = true; continue;
                case "-h": case "--help": a.help = true; continue;
                case "--": a.positional.addAll(argv.subList(i + 1, argv.size())); return a;
                default:
                    break;
            }
            if (SHORT_COMMAND_FLAGS.containsKey(s)) {
                a.commandFlags.put(SHORT_COMMAND_FLAGS.get(s), value(argv, ++i, s));
                continue;
            }
            if (s.startsWith("--") && COMMAND_SWITCHES.contains(s.substring(2).replace('-', '_'))) {
                a.commandFlags.put(s.substring(2).replace('-', '_'), "true");
                continue;
            }
            if (s.startsWith("--") && s.length() > 2) {
                String body = s.substring(2);
                int eq = body.indexOf('=');
                String key = eq >= 0 ? body.substring(0, eq) : body;
                String val = eq >= 0 ? body.substring(eq + 1) : value(argv, ++i, s);
                String normalized = key.replace('-', '_');
                if (COMMAND_FLAGS.contains(normalized)) {
                    a.commandFlags.put(normalized, val);
                } else {
                    a.options.put(normalized, val);
                }
            } else if (s.startsWith("-") && s.length() > 1 && !isNumber(s)) {
                throw new UsageException("unknown flag " + s);
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    private static boolean isNumber(String s) {
        return s.matches("-\\d+");
    }

    private static String value(List<String> argv, int i, String flag) {
        if (i >= argv.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return argv.get(i);
    }

    /** A command line that cannot be understood. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

package io.inkwire.cli;

import io.inkwire.api.Errno;
import io.inkwire.api.auth.AuthException;
import io.inkwire.monclient.MonCommandException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code inkwire [options] COMMAND [args]}. Errors are one line on stderr and a non-zero exit: the
 * errno where Ceph's CLI would use one (13 permission denied, 110 timed out, the monitor's own
 * error for a failed command, 22 for a command that is not a JSON object, which the monitor would
 * refuse with EINVAL), 2 for a bad command line, 1 otherwise. An errno in a message reads
 * {@code (EACCES -13)} ({@link Errno#shortForm()}). {@code -v} adds stack traces.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: inkwire [options] COMMAND [args]",
            "",
            "commands:",
            "  status                 what `ceph -s` shows, from the monitor (-f json for its JSON)",
            "  mon-command '<json>'   send a command to the monitor; output on stdout, status on stderr",
            "  tell osd.N '<json>'    send a command straight to an OSD (cephx authorizer, MCommand)",
            "  demo                   an inkwire acceptor and connector in this process on loopback:",
            "                         handshake, messages, what was negotiated, a throughput figure",
            "  serve --bind ADDRS     a standalone acceptor on an address or a [v2:…,v1:…] vector (answers",
            "                         MPing, echoes other messages, answers a Ceph client as a minimal",
            "                         monitor); prints the bound vector; stops on SIGINT/SIGTERM",
            "  osd-map POOL OBJECT… [-N NS]   what `ceph osd map` prints for each object, computed here",
            "                         from the OSDMap (- reads names from stdin); -f json for JSON",
            "  rados [-p POOL] [-N NS | --all] COMMAND …   object I/O as Ceph's rados tool: put OBJ FILE|-",
            "                         [--offset N], get OBJ FILE|-, append, truncate OBJ SIZE, create, rm OBJ…,",
            "                         stat, ls [--all], setxattr/getxattr/rmxattr/listxattr, setomapval/",
            "                         getomapval/rmomapkey/listomapkeys/listomapvals/getomapheader/",
            "                         setomapheader/clearomap, lspools, watch OBJ, notify OBJ MESSAGE,",
            "                         listwatchers OBJ, lock list|info|get|break|release OBJ … [--lock-cookie C]",
            "                         [--lock-tag T] [--lock-description D] [--lock-duration S] [--lock-type T]",
            "  bench                  messages/s, MB/s, latency, CPU and allocation of inkwire on loopback,",
            "                         beside the machine's limits (CRC32C, AES-GCM, NIO loopback) measured",
            "                         in the same run: [--size 4096,4194304] [--connections N] [--in-flight N]",
            "                         [--seconds S] [--mode crc,secure] [--auth none|cephx] [--target v2:ADDR]",
            "                         [--plot FILE.png] [-f plain|json|json-pretty|markdown]",
            "",
            "options (before or after the command):",
            "  -c, --conf FILE        ceph.conf (default $CEPH_CONF, else /etc/ceph/ceph.conf)",
            "  -k, --keyring FILE     keyring",
            "  -n, --name TYPE.ID     entity name (default client.admin)",
            "  -i, --id ID            client id (client.ID)",
            "  -m, --mon-host ADDRS   monitors, mon_host syntax (v2: first; v1: uses msgr1)",
            "  -f, --format FMT       plain | json | json-pretty",
            "  -v, --verbose          one line per established connection on stderr; stack traces",
            "  --NAME VALUE, --NAME=VALUE   any Ceph option, e.g. --ms_mon_client_mode=crc",
            "");

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(Arrays.asList(argv), System.getenv(), System.out, System.err));
    }

    static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) {
        CliArgs args;
        try {
            args = CliArgs.parse(argv);
        } catch (CliArgs.UsageException e) {
            err.println("inkwire: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        quietLogging(args.verbose);
        if (args.help || args.positional.isEmpty()) {
            (args.help ? out : err).print(USAGE);
            return args.help ? 0 : 2;
        }
        String command = args.positional.get(0);
        List<String> rest = args.positional.subList(1, args.positional.size());
        try {
            switch (command) {
                case "status":
                    return new MonCommands(new CliContext(args, env, err), out, err).status();
                case "mon-command":
                    if (rest.size() != 1) {
                        throw new CliArgs.UsageException("mon-command takes one JSON argument, e.g. '{\"prefix\": \"fsid\"}'");
                    }
                    return new MonCommands(new CliContext(args, env, err), out, err).monCommand(rest.get(0));
                case "tell":
                    if (rest.size() != 2) {
                        throw new CliArgs.UsageException("tell takes a daemon and a JSON command, e.g. tell osd.0 '{\"prefix\": \"version\"}'");
                    }
                    return new TellCommand(new CliContext(args, env, err), out, err).run(rest.get(0), rest.get(1));
                case "demo":
                    return new DemoCommand(new CliContext(args, env, err), out, err).run();
                case "serve":
                    return new ServeCommand(new CliContext(args, env, err), out, err).run();
                case "bench":
                    return new BenchCommand(new CliContext(args, env, err), out, err).run();
                case "osd-map":
                    return new OsdMapCommand(new CliContext(args, env, err), out, err, System.in).run(rest);
                case "rados":
                    return new RadosCommand(new CliContext(args, env, err), out, err, System.in).run(rest);
                default:
                    throw new CliArgs.UsageException("unknown command '" + command + "'");
            }
        } catch (CliArgs.UsageException e) {
            err.println("inkwire: " + e.getMessage());
            return 2;
        } catch (CommandJson.MalformedCommandException e) {
            err.println("inkwire: error: " + e.getMessage());
            return Errno.EINVAL.number();
        } catch (MonCommandException e) {
            err.println("inkwire: error: " + e.getMessage());
            return Math.max(1, e.errno().number());
        } catch (AuthException e) {
            err.println("inkwire: error: " + e.getMessage());
            trace(args, err, e);
            Errno errno = Errno.of(e.errno());
            return errno.equals(Errno.EACCES) || errno.equals(Errno.EPERM) ? Errno.EACCES.number() : 1;
        } catch (TimeoutException e) {
            err.println("inkwire: error: timed out: " + e.getMessage());
            trace(args, err, e);
            return Errno.ETIMEDOUT.number();
        } catch (ConnectException e) {
            err.println("inkwire: error: " + e.getMessage());
            trace(args, err, e);
            return Errno.ECONNREFUSED.number();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("inkwire: interrupted");
            return 130;
        } catch (Exception e) {
            err.println("inkwire: error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            trace(args, err, e);
            return 1;
        }
    }

    private static void trace(CliArgs args, PrintStream err, Throwable e) {
        if (args.verbose) {
            e.printStackTrace(err);
        }
    }

    /** Netty and the JDK log through java.util.logging; keep stderr to our own lines unless -v. */
    private static void quietLogging(boolean verbose) {
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.WARNING : Level.OFF);
        for (var h : root.getHandlers()) {
            h.setLevel(verbose ? Level.WARNING : Level.OFF);
        }
    }
}

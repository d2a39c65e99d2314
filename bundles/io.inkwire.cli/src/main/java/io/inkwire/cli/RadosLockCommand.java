package io.inkwire.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwire.api.Errno;
import io.inkwire.api.addr.AddrType;
import io.inkwire.api.addr.EntityType;
import io.inkwire.codec.osd.LockInfo;
import io.inkwire.codec.osd.UTime;
import io.inkwire.rados.IoCtx;
import io.inkwire.rados.Rados;
import io.inkwire.rados.RadosException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code rados lock list|info|get|break OBJ …} as Ceph's {@code do_lock_cmd} ({@code src/tools/rados/rados.cc}):
 * the options {@code --lock-cookie --lock-tag --lock-description --lock-duration --lock-type}, JSON
 * on stdout ({@code -f json-pretty} pretty), its {@code ERROR: …} lines and the closing
 * {@code error N: …} on stderr, exit 1 on failure.
 *
 * <p>{@code lock release OBJ NAME [--lock-cookie C]} is inkwire's own: Ceph's tool has no such
 * command (it prints its usage). A hold belongs to the client that took it and ends with that
 * process, so a command line cannot {@code unlock} what an earlier {@code lock get} took; release
 * breaks every hold on the lock made with cookie {@code C} ({@code get_info}, then {@code break_lock}
 * each), ENOENT when there is none.
 */
final class RadosLockCommand {

    static final String USAGE = "usage: rados -p POOL lock list OBJ | lock info OBJ NAME | lock get OBJ NAME [--lock-cookie C] "
            + "[--lock-tag T] [--lock-description D] [--lock-duration SECONDS] [--lock-type exclusive|shared] | "
            + "lock break OBJ NAME LOCKER [--lock-cookie C] | lock release OBJ NAME [--lock-cookie C]";
    /** {@code utime_t}'s output: a date from ten years after the epoch on, raw seconds before. */
    private static final long TEN_YEARS = 60L * 60 * 24 * 365 * 10;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> flags;
    private final boolean pretty;

    /** {@code flags}: the command line's command flags ({@code lock_cookie}, …); {@code format}: {@code -f}. */
    RadosLockCommand(PrintStream out, PrintStream err, Map<String, String> flags, String format) {
        this.out = out;
        this.err = err;
        this.flags = flags;
        this.pretty = "json-pretty".equals(format);
    }

    /** {@code a}: what follows {@code lock}. */
    int run(IoCtx io, List<String> a) throws InterruptedException {
        if (a.size() < 2) {
            return usage();
        }
        String cmd = a.get(0);
        String oid = a.get(1);
        String tag = flags.getOrDefault("lock_tag", "");
        String cookie = flags.getOrDefault("lock_cookie", "");
        String description = flags.getOrDefault("lock_description", "");
        long duration = 0;
        boolean shared = false;
        if (flags.containsKey("lock_duration")) {
            try {
                duration = IecSize.parse(flags.get("lock_duration"), Long.MIN_VALUE, Long.MAX_VALUE);
            } catch (IecSize.InvalidException e) {
                err.println("Invalid value for lock-duration: " + e.getMessage());
                return failed(Errno.EINVAL.number());
            }
        }
        if (flags.containsKey("lock_type")) {
            switch (flags.get("lock_type")) {
                case "exclusive" -> shared = false;
                case "shared" -> shared = true;
                default -> {
                    err.println("unknown lock type was specified, aborting");
                    return failed(Errno.EINVAL.number());
                }
            }
        }
        if (cmd.equals("list")) {
            return list(io, oid);
        }
        if (a.size() < 3) {
            return usage();
        }
        String name = a.get(2);
        switch (cmd) {
            case "info":
                return info(io, oid, name);
            case "get": {
                Duration d = Duration.ofSeconds(duration);
                CompletionStage<Void> lock = shared ? io.lockShared(oid, name, cookie, tag, description, d, 0)
                        : io.lockExclusive(oid, name, cookie, tag, description, d, 0);
                return call(lock, "ERROR: failed locking: ");
            }
            case "release":
                return release(io, oid, name, cookie);
            default:
                break;
        }
        if (a.size() < 4 || !cmd.equals("break")) {
            return usage();
        }
        String locker = a.get(3);
        if (!isEntityName(locker)) {
            err.println("ERROR: failed to parse locker name (" + locker + ")");
            return failed(Errno.EINVAL.number());
        }
        return call(io.breakLock(oid, name, locker, cookie), "ERROR: failed breaking lock: ");
    }

    private int release(IoCtx io, String oid, String name, String cookie) throws InterruptedException {
        try {
            LockInfo info = Rados.await(io.getLockInfo(oid, name));
            boolean any = false;
            for (LockInfo.Locker l : info.lockers()) {
                if (l.cookie().equals(cookie)) {
                    Rados.await(io.breakLock(oid, name, l.entity(), cookie));
                    any = true;
                }
            }
            if (!any) {
                throw new RadosException(Errno.ENOENT.number(), io.pool(), io.namespace(), oid, null);
            }
            return 0;
        } catch (RadosException e) {
            err.println("ERROR: failed releasing lock: " + e.error().cephStyle());
            return failed(e.errno());
        }
    }

    private int list(IoCtx io, String oid) throws InterruptedException {
        List<String> locks;
        try {
            locks = Rados.await(io.listLocks(oid));
        } catch (RadosException e) {
            err.println("ERROR: rados_list_locks(): " + e.error().cephStyle());
            return failed(e.errno());
        }
        ObjectNode o = CommandJson.MAPPER.createObjectNode().put("objname", oid);
        ArrayNode arr = o.putArray("locks");
        locks.forEach(n -> arr.addObject().put("name", n));
        return print(o);
    }

    private int info(IoCtx io, String oid, String name) throws InterruptedException {
        LockInfo info;
        try {
            info = Rados.await(io.getLockInfo(oid, name));
        } catch (RadosException e) {
            err.println("ERROR: rados_lock_get_lock_info(): " + e.error().cephStyle());
            return failed(e.errno());
        }
        ObjectNode o = CommandJson.MAPPER.createObjectNode().put("name", name).put("type", info.type().text()).put("tag", info.tag());
        ArrayNode lockers = o.putArray("lockers");
        for (LockInfo.Locker l : info.lockers()) {
            lockers.addObject().put("name", l.entity()).put("cookie", l.cookie()).put("description", l.description())
                    .put("expiration", utime(l.expiration())).put("addr", l.addr().withType(AddrType.ANY).toString());
        }
        return print(o);
    }

    private int print(ObjectNode o) {
        try {
            out.print(CephPrettyJson.write(o, pretty));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return 0;
    }

    private int call(CompletionStage<Void> op, String what) throws InterruptedException {
        try {
            Rados.await(op);
            return 0;
        } catch (RadosException e) {
            err.println(what + e.error().cephStyle());
            return failed(e.errno());
        }
    }

    /** {@code entity_name_t::parse}: {@code TYPE.NUMBER}. */
    static boolean isEntityName(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1) {
            return false;
        }
        try {
            EntityType.fromText(s.substring(0, dot));
            Long.parseLong(s.substring(dot + 1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code operator<<(ostream&, utime_t)}: {@code 0.000000}, or the local time with microseconds and zone. */
    static String utime(UTime t) {
        long usec = t.nsec() / 1000;
        if (t.sec() < TEN_YEARS) {
            return t.sec() + "." + String.format("%06d", usec);
        }
        return LOCAL.format(Instant.ofEpochSecond(t.sec(), usec * 1000).atZone(ZoneId.systemDefault()));
    }

    private int usage() {
        err.println(USAGE);
        return RadosCommand.FAILED;
    }

    /** The tool's last line for a negative result, and exit 1. */
    private int failed(int errno) {
        err.println("error " + Math.abs(errno) + ": " + Errno.of(errno).cephStyle());
        return RadosCommand.FAILED;
    }
}

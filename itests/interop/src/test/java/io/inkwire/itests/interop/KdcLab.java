package io.inkwire.itests.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MIT KDC on loopback for one test class, started and stopped with the project's
 * {@code scripts/krb-lab}: realm {@value #REALM}, service principal {@code ceph/localhost} with
 * {@code service.keytab}, one keytab per client. If it cannot start, the class fails (never skips).
 * Not a Ceph lab: it needs no lab lock, only a port of its own.
 */
public final class KdcLab implements BeforeAllCallback, AfterAllCallback {

    static final String REALM = "INKWIRE.TEST";
    /** The service the lab's keytab is for, as {@code gss_target_name} names it. */
    static final String TARGET = "ceph@localhost";

    private final Path dir;
    private final int port;
    private final List<String> clients = new ArrayList<>();
    private Integer clockOffset;

    private KdcLab(String name, int port) {
        this.dir = Paths.get("/tmp", "inkwire-itest-" + name);
        this.port = port;
    }

    /** A KDC in /tmp/inkwire-itest-NAME on 127.0.0.1:PORT. */
    public static KdcLab create(String name, int port) {
        return new KdcLab(name, port);
    }

    /** Client principals {@code NAME@INKWIRE.TEST}, each with keytab {@code DIR/NAME.keytab}. */
    public KdcLab clients(String... names) {
        clients.addAll(List.of(names));
        return this;
    }

    /** The KDC runs with its clock this many seconds off (faketime). */
    public KdcLab clockOffset(int seconds) {
        this.clockOffset = seconds;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script(), "start", "--dir", dir.toString(), "--kdc-port", String.valueOf(port)));
        for (String c : clients) {
            cmd.add("--client");
            cmd.add(c);
        }
        if (clockOffset != null) {
            cmd.add("--clock-offset");
            cmd.add(String.valueOf(clockOffset));
        }
        CephLab.Result r = CephLab.run(cmd, 120);
        if (r.exit() != 0) {
            throw new IllegalStateException("the KDC lab did not start (" + String.join(" ", cmd) + "), exit " + r.exit() + ":\n" + r.out() + r.err());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        CephLab.run(List.of(script(), "stop", "--dir", dir.toString()), 60);
    }

    private static String script() {
        return CephLab.root().resolve("scripts/krb-lab").toString();
    }

    public Path dir() {
        return dir;
    }

    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    public Path serviceKeytab() {
        return dir.resolve("service.keytab");
    }

    public Path keytab(String client) {
        return dir.resolve(client + ".keytab");
    }

    /** Sends {@code signal} (TERM stops, STOP freezes, CONT thaws) to the KDC ({@code krb-lab kill}). */
    public void signal(String signal) throws IOException, InterruptedException {
        lab("kill", "--signal", signal);
    }

    public void revive() throws IOException, InterruptedException {
        lab("revive");
    }

    /** {@code kadmin.local -q QUERY} on the lab's database. */
    public String kadmin(String query) throws IOException, InterruptedException {
        return lab("kadmin", "--", "-q", query);
    }

    /** A ticket cache for {@code client} from its keytab, with MIT's kinit, living {@code lifetime} (e.g. {@code 2s}). */
    public Path kinit(String client, String lifetime) throws IOException, InterruptedException {
        Path cache = dir.resolve(client + "-" + lifetime + ".ccache");
        List<String> cmd = List.of("env", "KRB5_CONFIG=" + krb5Conf(), "kinit", "-l", lifetime, "-k", "-t", keytab(client).toString(),
                "-c", "FILE:" + cache, client + "@" + REALM);
        CephLab.Result r = CephLab.run(cmd, 30);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed, exit " + r.exit() + ":\n" + r.out() + r.err());
        }
        return cache;
    }

    private String lab(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(script(), command, "--dir", dir.toString()));
        cmd.addAll(List.of(args));
        CephLab.Result r = CephLab.run(cmd, 60);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed, exit " + r.exit() + ":\n" + r.out() + r.err());
        }
        return r.out();
    }
}

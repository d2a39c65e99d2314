package io.inkwire.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/** Pax Exam options shared by the Karaf tests, and running shell commands as a user would. */
final class KarafSupport {

    private KarafSupport() {
    }

    /** A Karaf from this zip, with the JDK 17 flags bin/karaf adds (Pax Exam does not). */
    static List<Option> karaf(String zip, String name) {
        List<Option> o = new ArrayList<>();
        o.add(karafDistributionConfiguration().frameworkUrl("file:" + zip).name(name)
                .unpackDirectory(new File(System.getProperty("inkwire.exam.dir"), name)).useDeployFolder(false));
        o.add(configureConsole().ignoreLocalConsole().ignoreRemoteShell());
        o.add(logLevel(LogLevel.WARN));
        o.add(vmOptions("--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "-Xmx512m",
                // Karaf's feature downloads and the tests' files go to the build's directory, not /tmp
                "-Djava.io.tmpdir=" + containerTmp(name)));
        o.add(systemProperty("inkwire.lab.conf").value(CephLab.shared().conf().toString()));
        // no SSH/RMI listeners that could clash with other runs
        o.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "0"));
        o.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "0"));
        o.add(editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "0"));
        return o;
    }

    private static String containerTmp(String name) {
        File tmp = new File(System.getProperty("inkwire.exam.dir"), name + "-tmp");
        if (!tmp.isDirectory() && !tmp.mkdirs()) {
            throw new IllegalStateException("cannot create " + tmp);
        }
        return tmp.getAbsolutePath();
    }

    /**
     * Runs a shell command; returns what it printed, or fails with it when the command threw.
     * Commands register asynchronously after a feature install, so "command not found" is retried
     * for a while.
     */
    static String execute(SessionFactory sessions, String command) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return executeOnce(sessions, command);
            } catch (AssertionError e) {
                // by name: the probe does not import gogo's runtime package
                if (e.getCause() == null || !e.getCause().getClass().getSimpleName().equals("CommandNotFoundException") || System.nanoTime() > until) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String executeOnce(SessionFactory sessions, String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session s = sessions.create(System.in, out, out);
        try {
            // as the admin user: Karaf's command ACLs hide feature:install, config:* ... from others
            Subject admin = new Subject();
            admin.getPrincipals().add(new UserPrincipal("karaf"));
            admin.getPrincipals().add(new RolePrincipal("admin"));
            admin.getPrincipals().add(new RolePrincipal("manager"));
            admin.getPrincipals().add(new RolePrincipal("viewer"));
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> s.execute(command));
        } catch (PrivilegedActionException e) {
            out.flush();
            throw new AssertionError(command + " failed: " + e.getCause() + "\n" + bytes.toString(StandardCharsets.UTF_8), e.getCause());
        } catch (Exception e) {
            out.flush();
            throw new AssertionError(command + " failed: " + e + "\n" + bytes.toString(StandardCharsets.UTF_8), e);
        } finally {
            s.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

package io.inkwire.itests.karaf;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Karaf archive unpacked and run as a process of its own, the way a user runs it: {@code unzip},
 * edit {@code etc/}, {@code bin/karaf server} in the background, commands through
 * {@code bin/client} over SSH, {@code bin/stop}. Every script runs with a clean environment: only
 * {@code PATH}, the given {@code HOME} (also as the JVMs' {@code user.home}, which Java takes from
 * the password database, not from {@code HOME}) and {@code JAVA_HOME} of the JDK running the test.
 * {@link #close()} kills whatever is still running.
 */
final class KarafProcess implements AutoCloseable {

    private static final String SHELL_CFG = "org.apache.karaf.shell.cfg";
    /** Printed by bin/client when the command ran and threw; anything else failing is the shell not being up yet. */
    private static final String COMMAND_ERROR = "Error executing command";
    /** Boot features install after SSH is up, so a command can be missing for a while. */
    private static final String COMMAND_NOT_FOUND = "Command not found";
    /** Karaf's BootFeaturesInstaller logs this when a boot feature cannot be provisioned (e.g. a bundle missing from system/). */
    private static final String BOOT_FEATURES_FAILED = "Error installing boot features";

    private final Path home;
    private final Path console;
    private final Map<String, String> environment;
    private final List<ProcessHandle> processes = new ArrayList<>();
    private Process karaf;
    private String user;
    private String password;

    private KarafProcess(Path home, Path userHome) {
        this.home = home;
        this.console = home.resolveSibling(home.getFileName() + ".out");
        this.environment = Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", userHome.toString(),
                "JAVA_HOME", System.getProperty("java.home"),
                "EXTRA_JAVA_OPTS", "-Duser.home=" + userHome);
    }

    /**
     * Unpacks the archive into a directory with {@code unzip}, which keeps the scripts' executable
     * bits as the archive records them, as a user's unzip does.
     */
    static KarafProcess unpack(Path zip, Path into, Path userHome) throws IOException, InterruptedException {
        Exec.Result r = Exec.run(new ProcessBuilder("unzip", "-q", zip.toString(), "-d", into.toString()), 120);
        if (r.exit() != 0) {
            throw new IllegalStateException("unzip " + zip + ", exit " + r.exit() + ":\n" + r.output());
        }
        List<Path> top;
        try (Stream<Path> s = Files.list(into)) {
            top = s.filter(p -> Files.isRegularFile(p.resolve("bin/karaf"))).collect(Collectors.toList());
        }
        if (top.size() != 1) {
            throw new IllegalStateException("expected one Karaf directory in " + zip + ", found " + top);
        }
        return new KarafProcess(top.get(0), userHome);
    }

    /** The unpacked KARAF_HOME. */
    Path home() {
        return home;
    }

    /** An {@code etc/} configuration file as properties, as it is now. */
    Properties etc(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(home.resolve("etc").resolve(file))) {
            p.load(r);
        }
        return p;
    }

    /** Sets a property in an {@code etc/} file: its active line is replaced, or a line is appended. */
    void setEtc(String file, String key, String value) throws IOException {
        Path path = home.resolve("etc").resolve(file);
        Pattern active = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (active.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(path, lines);
    }

    /**
     * Adds a user of Karaf's admin group to {@code etc/users.properties} (Karaf 4.4 ships its
     * {@code karaf} user commented out, so {@code bin/client} cannot log in before this); the
     * client logs in as this user.
     */
    void addAdminUser(String name, String secret) throws IOException {
        Files.writeString(home.resolve("etc/users.properties"), "\n" + name + " = " + secret + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardOpenOption.APPEND);
        this.user = name;
        this.password = secret;
    }

    /** {@code bin/karaf server} in the background; its console output goes to a file next to KARAF_HOME. */
    void start() throws IOException {
        karaf = script("karaf", "server").redirectErrorStream(true).redirectOutput(console.toFile()).start();
        processes.add(karaf.toHandle());
    }

    /**
     * Runs a shell command through {@code bin/client} and returns what it printed. Waits for the
     * SSH port first, then retries while the shell is not ready (no session, or the command not
     * registered yet); a command that ran and failed fails at once.
     */
    String client(String command, int timeoutSeconds) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String port = etc(SHELL_CFG).getProperty("sshPort").trim();
        awaitPort(Integer.parseInt(port), until);
        while (true) {
            Exec.Result r = Exec.run(script("client", "-h", "127.0.0.1", "-a", port, "-u", user, "-p", password, command), timeoutSeconds);
            if (r.exit() == 0) {
                return r.output();
            }
            boolean notReady = r.output().contains(COMMAND_NOT_FOUND) || !r.output().contains(COMMAND_ERROR);
            if (!notReady || System.nanoTime() > until) {
                throw new AssertionError("bin/client " + command + ": exit " + r.exit() + "\n" + r.output() + diagnostics());
            }
            checkRunning();
            Thread.sleep(250);
        }
    }

    /** {@code bin/stop}, then waits for the Karaf process and its JVM to exit. */
    void stop(int timeoutSeconds) throws IOException, InterruptedException {
        noteJvm();
        Exec.Result r = Exec.run(script("stop"), timeoutSeconds);
        if (r.exit() != 0) {
            throw new AssertionError("bin/stop: exit " + r.exit() + "\n" + r.output() + diagnostics());
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (ProcessHandle p : processes) {
            long left = until - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("Karaf did not exit within " + timeoutSeconds + " s of bin/stop (pid " + p.pid() + ")" + diagnostics());
            }
        }
    }

    /** Kills the Karaf process and its JVM if they still run. */
    @Override
    public void close() throws InterruptedException {
        if (karaf != null) {
            noteJvm();
        }
        for (ProcessHandle p : processes) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("Karaf process " + p.pid() + " still running after kill");
            }
        }
    }

    /** The tail of Karaf's console output and the errors in its log, for failure messages. */
    String diagnostics() {
        return "\n--- " + console + " (tail):\n" + tail(console, 20) + "\n--- data/log/karaf.log (errors and causes):\n"
                + errors(home.resolve("data/log/karaf.log"), 30);
    }

    private ProcessBuilder script(String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin").resolve(name).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb;
    }

    /** Waits until the SSH port accepts connections. */
    private void awaitPort(int port, long until) throws InterruptedException {
        while (true) {
            checkRunning();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                noteJvm();
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("Karaf's SSH port " + port + " did not open" + diagnostics());
                }
                Thread.sleep(100);
            }
        }
    }

    /** Notes the JVM bin/karaf runs as its child, while it is one: once the script dies it is reparented. */
    private void noteJvm() {
        karaf.descendants().filter(p -> !processes.contains(p)).forEach(processes::add);
    }

    /** Fails at once if Karaf exited or its boot features failed, rather than waiting for a shell that will not come. */
    private void checkRunning() {
        if (!karaf.isAlive()) {
            throw new AssertionError("bin/karaf server exited with " + karaf.exitValue() + diagnostics());
        }
        Path log = home.resolve("data/log/karaf.log");
        try {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(BOOT_FEATURES_FAILED)) {
                throw new AssertionError("Karaf could not install its boot features" + diagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int lines) {
        List<String> all = lines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The ERROR lines of a Karaf log and the causes of their stack traces. */
    private static String errors(Path file, int max) {
        return lines(file).stream().filter(l -> l.contains("| ERROR |") || l.trim().startsWith("Caused by:")).limit(max)
                .collect(Collectors.joining("\n"));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of("(" + e + ")");
        }
    }
}

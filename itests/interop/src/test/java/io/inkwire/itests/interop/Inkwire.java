package io.inkwire.itests.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the inkwire CLI as a user would: a separate JVM on the JPMS module path, exactly what
 * {@code ./inkwire} runs (built by the reactor before this module).
 */
final class Inkwire {

    private Inkwire() {
    }

    static CephLab.Result run(String... args) throws IOException, InterruptedException {
        return CephLab.run(command(args), 120);
    }

    /** The command line that runs the CLI with these arguments. */
    static List<String> command(String... args) throws IOException {
        Path target = CephLab.root().resolve("bundles/io.inkwire.cli/target");
        Path jar = cliJar(target);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", target.resolve("modules") + ":" + jar, "-m", "io.inkwire.cli/io.inkwire.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The CLI's jar in a build's {@code bundles/io.inkwire.cli/target}. */
    static Path cliJar(Path target) throws IOException {
        try (var s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("io\\.inkwire\\.cli-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("io.inkwire.cli jar not built in " + target));
        }
    }

    /**
     * Starts {@code cmd} (an {@code inkwire … serve --bind v2:127.0.0.1:PORT …} command line), its
     * stdout in {@code out} and stderr in {@code err}, and waits up to 60 s for its "serving" line.
     */
    static Process serve(List<String> cmd, int port, Path out, Path err) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("serving") && System.nanoTime() < until && p.isAlive()) {
            Thread.sleep(100);
        }
        if (!Files.readString(out).contains("inkwire: serving mon.inkwire at v2:127.0.0.1:" + port + "/0")) {
            p.destroyForcibly();
            throw new AssertionError("serve did not start: " + Files.readString(out) + Files.readString(err));
        }
        return p;
    }

    /** Stops a {@link #serve} with SIGTERM (serve closes its messenger and exits) and checks that it exits. */
    static void stop(Process serve) throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("serve did not stop on SIGTERM");
            }
        }
    }
}

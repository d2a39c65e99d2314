package io.inkwire.itests.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        Path jar;
        try (var s = Files.list(target)) {
            jar = s.filter(p -> p.getFileName().toString().matches("io\\.inkwire\\.cli-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("io.inkwire.cli jar not built in " + target));
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", target.resolve("modules") + ":" + jar, "-m", "io.inkwire.cli/io.inkwire.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}

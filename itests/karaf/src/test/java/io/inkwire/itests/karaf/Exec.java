package io.inkwire.itests.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and keeps what it printed. */
final class Exec {

    /** How a command ended: its exit code and its stdout and stderr, interleaved. */
    record Result(int exit, String output) {
    }

    private Exec() {
    }

    /**
     * Runs the command, killing it (and its children) after the timeout. Output goes through a
     * file, not a pipe, so a chatty command cannot block on a full pipe. Standard input stays an
     * open pipe until the command ends: Karaf's {@code bin/client} closes its session as soon as
     * its stdin reaches end of file, before a command given as an argument has run.
     */
    static Result run(ProcessBuilder command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("inkwire-karaf-exec", ".out");
        try {
            Process p = command.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command.command())
                            + "\n" + Files.readString(out));
                }
            } finally {
                p.getOutputStream().close();
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

package io.inkwire.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The names {@code rados bench} gives its objects ({@code generate_object_name_fast} in
 * {@code src/common/obj_bencher.cc}): {@code benchmark_data_<hostname>_<pid>_object<N>}, the host
 * name as {@code gethostname(2)} gives it into a 30-byte buffer (29 characters at most), the pid of
 * the process that wrote them. The same names on both sides are what let {@code rados bench seq}
 * read what inkwire wrote, and {@code rados cleanup} remove it, and the reverse.
 */
final class BenchObjectNames {

    /** {@code BENCH_PREFIX}: every bench object starts with it; {@code cleanup --prefix} must too. */
    static final String BENCH_PREFIX = "benchmark_data";
    private static final int HOSTNAME_MAX = 29;

    private final String hostname;
    /** The last pid's prefix, built once per run (a run names every object with one pid); pid and text as one value. */
    private Prefix last;

    private record Prefix(int pid, String text) {
    }

    BenchObjectNames(String hostname) {
        this.hostname = hostname.length() > HOSTNAME_MAX ? hostname.substring(0, HOSTNAME_MAX) : hostname;
    }

    /** This machine's names, with the kernel's host name (what gethostname returns, not a DNS name). */
    static BenchObjectNames local() {
        return new BenchObjectNames(kernelHostname());
    }

    /** This process's pid, the one {@code rados bench write} puts in names and in the metadata. */
    static int pid() {
        return (int) ProcessHandle.current().pid();
    }

    /** {@code benchmark_data_<host>}: what {@code cleanup} matches when no {@code --prefix} is given. */
    String prefixWithoutPid() {
        return BENCH_PREFIX + "_" + hostname;
    }

    /** {@code benchmark_data_<host>_<pid>}, the "Object prefix:" of a write. */
    String prefix(int pid) {
        Prefix p = last;
        if (p == null || p.pid != pid) {
            p = new Prefix(pid, prefixWithoutPid() + "_" + pid);
            last = p;
        }
        return p.text;
    }

    String object(int pid, long n) {
        return prefix(pid) + "_object" + n;
    }

    private static String kernelHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "localhost";
            }
        }
    }
}

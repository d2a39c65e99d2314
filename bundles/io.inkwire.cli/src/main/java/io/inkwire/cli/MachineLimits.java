package io.inkwire.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The machine's limits for one message size, measured in this JVM so that inkwire's figures can be
 * given as ratios to them: one thread of {@link CRC32C}, one thread of the JDK's AES-128-GCM, and a
 * plain NIO loopback TCP stream written in chunks of the message size.
 */
final class MachineLimits {

    /** Figures in GB/s (10^9 bytes per second). */
    record Figures(int size, double crc32c, double gcmSeal, double gcmSealOpen, double nioLoopback) {
    }

    private MachineLimits() {
    }

    static Figures measure(int size, double seconds) throws IOException, GeneralSecurityException, InterruptedException {
        double crc = crc32c(size, seconds);
        double seal = gcm(size, seconds, false);
        double sealOpen = gcm(size, seconds, true);
        double nio = nioLoopback(size, Math.max(0.5, seconds * 2));
        return new Figures(size, crc, seal, sealOpen, nio);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    /** GB/s of {@code CRC32C.update} over a heap array of {@code size} bytes. */
    static double crc32c(int size, double seconds) {
        byte[] data = randomBytes(size);
        CRC32C crc = new CRC32C();
        long sink = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                crc.reset();
                crc.update(data, 0, size);
                sink += crc.getValue();
            }
            bytes += 16L * size;
        } while ((now = System.nanoTime()) < end);
        if (sink == 42) {
            System.err.print(""); // keeps the loop from being optimised away
        }
        return bytes / ((now - start) / 1e9) / 1e9;
    }

    /**
     * GB/s of AES-128-GCM from the JDK's provider: one {@code init} with a fresh nonce and one
     * {@code doFinal} per message, heap buffers as inkwire uses them; with {@code open} every
     * sealed message is also decrypted and verified, and the figure is message bytes per second
     * of seal + open (what one frame costs its sender and receiver together).
     */
    static double gcm(int size, double seconds, boolean open) throws GeneralSecurityException {
        Gcm g = new Gcm(size);
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            g.seal();
            if (open) {
                g.open();
            }
            bytes += size;
        } while ((now = System.nanoTime()) < end);
        return bytes / ((now - start) / 1e9) / 1e9;
    }

    /**
     * Warms up the JDK's GCM. JDK 17 serves large heap inputs (64 KiB and up) through an
     * intrinsic only once the calling methods are compiled, which takes thousands of calls: fed
     * only 4 MiB messages that is ~30 s and ~3 GB at about 0.1 GB/s. Thousands of small, realistic
     * (4 KiB) operations compile the same methods in well under a second.
     *
     * @return the seconds spent
     */
    static double warmUpGcm(int operations) throws GeneralSecurityException {
        long start = System.nanoTime();
        Gcm g = new Gcm(4096);
        for (int i = 0; i < operations; i++) {
            g.seal();
            g.open();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One key, a counter nonce, a message and room for its ciphertext. */
    private static final class Gcm {
        private final Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
        private final Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
        private final SecretKeySpec key = new SecretKeySpec(randomBytes(16), "AES");
        private final byte[] iv = new byte[12];
        private final byte[] plain;
        private final byte[] sealed;
        private final byte[] opened;
        private long counter;

        Gcm(int size) throws GeneralSecurityException {
            plain = randomBytes(size);
            sealed = new byte[size + 16];
            opened = new byte[size];
        }

        void seal() throws GeneralSecurityException {
            counter++;
            ByteBuffer.wrap(iv, 4, 8).putLong(counter);
            enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            enc.doFinal(ByteBuffer.wrap(plain), ByteBuffer.wrap(sealed));
        }

        void open() throws GeneralSecurityException {
            dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            dec.doFinal(ByteBuffer.wrap(sealed), ByteBuffer.wrap(opened));
        }
    }

    /**
     * GB/s of a plain NIO loopback TCP stream: one blocking {@link SocketChannel} writes
     * direct buffers of {@code size} bytes for {@code seconds}, another thread reads them into
     * a direct buffer of the same size; measured from the first write to the reader's EOF.
     */
    static double nioLoopback(int size, double seconds) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel writer = SocketChannel.open(server.getLocalAddress());
                 SocketChannel reader = server.accept()) {
                writer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                reader.setOption(StandardSocketOptions.TCP_NODELAY, true);
                AtomicLong received = new AtomicLong();
                AtomicLong eofAt = new AtomicLong();
                Thread t = new Thread(() -> {
                    ByteBuffer in = ByteBuffer.allocateDirect(size);
                    long n = 0;
                    try {
                        int r;
                        while ((r = reader.read(in)) >= 0) {
                            n += r;
                            if (!in.hasRemaining()) {
                                in.clear();
                            }
                        }
                    } catch (IOException e) {
                        // reported as what was received so far
                    }
                    received.set(n);
                    eofAt.set(System.nanoTime());
                }, "inkwire-bench-nio-reader");
                t.setDaemon(true);
                t.start();
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                out.put(randomBytes(size)).flip();
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                do {
                    out.rewind();
                    while (out.hasRemaining()) {
                        writer.write(out);
                    }
                } while (System.nanoTime() < end);
                writer.shutdownOutput();
                t.join(30_000);
                return received.get() / ((eofAt.get() - start) / 1e9) / 1e9;
            }
        }
    }
}

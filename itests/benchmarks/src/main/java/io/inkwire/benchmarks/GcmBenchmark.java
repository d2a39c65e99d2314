package io.inkwire.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AES-128-GCM seal (one init with a fresh nonce, one doFinal, heap buffers) from the JDK's provider
 * and from Bouncy Castle, the two providers secure mode can use ({@code inkwire_crypto_provider}),
 * into a second array or in place; and a seal then an open, in place (secure mode seals a frame in
 * its own array and opens a received one where it landed) or into other arrays. The setup first seals
 * 30,000 4 KiB messages and opens each in place, so the JDK's intrinsics are compiled (see
 * {@link SecureFrameBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GcmBenchmark {

    @Param({"JDK", "BC"})
    public String provider;

    @Param({"4096", "65536", "4194304"})
    public int size;

    private Cipher cipher;
    private final SecretKeySpec key = new SecretKeySpec(Data.random(16), "AES");
    private final byte[] iv = new byte[12];
    private long counter;
    /** Seal (and open) in the array that holds the text, as secure mode does, or into another one. */
    @Param({"false", "true"})
    public boolean inPlace;

    private ByteBuffer plain;
    private ByteBuffer sealed;
    private ByteBuffer frame;
    private ByteBuffer opened;

    @Setup
    public void setup() throws GeneralSecurityException {
        cipher = provider.equals("BC") ? Cipher.getInstance("AES/GCM/NoPadding", new BouncyCastleProvider())
                : Cipher.getInstance("AES/GCM/NoPadding");
        ByteBuffer smallIn = ByteBuffer.wrap(Data.random(4096));
        ByteBuffer smallOut = ByteBuffer.allocate(4096 + 16);
        for (int i = 0; i < (provider.equals("BC") ? 2_000 : 30_000); i++) {
            seal(smallIn.clear(), smallOut.clear());
            // and opened in place, as secure mode opens a frame (GcmWarmUp does both)
            open(smallOut.flip(), smallOut.duplicate().clear());
        }
        plain = ByteBuffer.wrap(Data.random(size));
        sealed = ByteBuffer.allocate(size + 16);
        opened = ByteBuffer.allocate(size);
        frame = ByteBuffer.wrap(java.util.Arrays.copyOf(Data.random(size), size + 16));
    }

    private int seal(ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        ByteBuffer.wrap(iv, 4, 8).putLong(++counter);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(in, out);
    }

    /** Opens what the last {@link #seal} sealed, under its nonce. */
    private int open(ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(in, out);
    }

    @Benchmark
    public int seal() throws GeneralSecurityException {
        return inPlace ? seal(frame.clear().limit(size), frame.duplicate().clear())
                : seal(plain.clear(), sealed.clear());
    }

    /** Seals, then opens what it sealed: in place (which gives back the plain text) or into a third array. */
    @Benchmark
    public int sealOpen() throws GeneralSecurityException {
        if (inPlace) {
            seal(frame.clear().limit(size), frame.duplicate().clear());
            return open(frame.clear(), frame.duplicate().clear());
        }
        seal(plain.clear(), sealed.clear());
        return open(sealed.flip(), opened.clear());
    }
}

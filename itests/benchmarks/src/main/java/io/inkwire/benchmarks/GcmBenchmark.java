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
 * and from Bouncy Castle, the two providers secure mode can use ({@code inkwire_crypto_provider}).
 * The setup first seals 30,000 4 KiB messages so the JDK's intrinsic is compiled (see
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
    private ByteBuffer plain;
    private ByteBuffer sealed;

    @Setup
    public void setup() throws GeneralSecurityException {
        cipher = provider.equals("BC") ? Cipher.getInstance("AES/GCM/NoPadding", new BouncyCastleProvider())
                : Cipher.getInstance("AES/GCM/NoPadding");
        ByteBuffer smallIn = ByteBuffer.wrap(Data.random(4096));
        ByteBuffer smallOut = ByteBuffer.allocate(4096 + 16);
        for (int i = 0; i < (provider.equals("BC") ? 2_000 : 30_000); i++) {
            seal(smallIn.clear(), smallOut.clear());
        }
        plain = ByteBuffer.wrap(Data.random(size));
        sealed = ByteBuffer.allocate(size + 16);
    }

    private int seal(ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        ByteBuffer.wrap(iv, 4, 8).putLong(++counter);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(in, out);
    }

    @Benchmark
    public int seal() throws GeneralSecurityException {
        return seal(plain.clear(), sealed.clear());
    }
}

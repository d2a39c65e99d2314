package io.inkwire.mode.secure.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compiles the JDK's AES-GCM ByteBuffer path before large blocks need it. JDK 17 reaches its GCM
 * intrinsics only from compiled callers, and a caller is compiled by how often it is invoked: a
 * 4 MiB block is one invocation, so a connection that moves only large blocks stays on the
 * interpreted GHASH, about 100 times slower (measured here: ~200 ms for a 4 MiB seal + open,
 * against 2-3 ms once compiled; 8 ops/s instead of ~140 in {@code rados bench} against an OSD).
 * Small blocks go through the array path ({@link GcmChannel#BUFFER_API_FROM}), so they do not
 * warm this one. Once per class loader, on a daemon thread at the first secure connection that
 * uses the JDK's provider and may carry large blocks (any peer but a monitor:
 * {@code SecureConnectionMode.carriesLargeBlocks}): a few thousand 1 KiB seal/open pairs under a
 * throw-away key, about a quarter of a second of one core; no connection waits for it.
 */
final class GcmWarmUp {

    /** Seal/open pairs: 3,000 were enough on JDK 17 here (2,000 were not); some margin. */
    static final int OPERATIONS = 5_000;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private GcmWarmUp() {
    }

    /** Starts the warm-up unless it ran already or another provider than the JDK's does the work. */
    static void startOnce(Cipher used) {
        if (!"SunJCE".equals(used.getProvider().getName()) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(GcmWarmUp::run, "inkwire-gcm-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void run() {
        try {
            byte[] k = new byte[16];
            new SecureRandom().nextBytes(k);
            SecretKeySpec key = new SecretKeySpec(k, "AES");
            Cipher c = Cipher.getInstance(CryptoProviders.TRANSFORMATION);
            byte[] buf = new byte[1024 + GcmChannel.TAG_LENGTH];
            byte[] iv = new byte[12];
            for (int i = 0; i < OPERATIONS; i++) {
                ByteBuffer.wrap(iv, 4, 8).putLong(i);
                GCMParameterSpec spec = new GCMParameterSpec(GcmNonce.TAG_BITS, iv);
                c.init(Cipher.ENCRYPT_MODE, key, spec);
                c.doFinal(ByteBuffer.wrap(buf, 0, 1024), ByteBuffer.wrap(buf, 0, buf.length));
                c.init(Cipher.DECRYPT_MODE, key, spec);
                c.doFinal(ByteBuffer.wrap(buf, 0, buf.length), ByteBuffer.wrap(buf, 0, buf.length));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // only a speed-up: the connections work without it
        }
    }
}

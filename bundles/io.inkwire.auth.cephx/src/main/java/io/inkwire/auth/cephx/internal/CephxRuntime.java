package io.inkwire.auth.cephx.internal;

import io.inkwire.api.auth.AuthException;
import io.inkwire.api.config.CephConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What the cephx handlers need from the environment: the cipher (from
 * {@code inkwire_crypto_provider}), a clock for ticket lifetimes and a source of randomness for
 * challenges, nonces and keys. Tests inject a fixed clock and scripted randomness.
 */
public record CephxRuntime(CephxCipher cipher, Clock clock, RandomGenerator random) {

    /** The option naming the JCA provider for AES (empty: the JDK default). */
    public static final String CRYPTO_PROVIDER_OPTION = "inkwire_crypto_provider";

    /** The production runtime: the configured provider, the UTC system clock, a {@link SecureRandom}. */
    public static CephxRuntime from(CephConfig options) throws AuthException {
        CephConfig o = options == null ? CephConfig.empty() : options;
        return new CephxRuntime(CephxCipher.forProvider(o.getString(CRYPTO_PROVIDER_OPTION, "")),
                Clock.systemUTC(), new SecureRandom());
    }

    /** A random u64 that is never 0 (Ceph's challenges are non-zero: 0 means "none"). */
    long nonZeroLong() {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0);
        return v;
    }
}

package io.inkwire.mode.secure.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Holder of the one Bouncy Castle provider instance. Touched only when BC is asked for, so the
 * bundle resolves and runs without bcprov; constructing the provider is costly, hence one.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}

package io.inkwire.mode.secure.internal;

import io.inkwire.api.ProtocolException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Cipher;

/**
 * Finds the {@code AES/GCM/NoPadding} implementation named by {@code inkwire_crypto_provider}:
 * empty = the JDK's preferred provider; {@code BC} = Bouncy Castle, taken from the installed
 * providers or, if it is only on the class/module path, instantiated here without being
 * installed; any other name = that installed provider.
 */
final class CryptoProviders {

    /** The option value that selects Bouncy Castle. */
    static final String BOUNCY_CASTLE = "BC";
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private CryptoProviders() {
    }

    /** A fresh AES-GCM cipher from the named provider. */
    static Cipher newGcmCipher(String providerName) throws ProtocolException {
        try {
            if (providerName == null || providerName.isEmpty()) {
                return Cipher.getInstance(TRANSFORMATION);
            }
            return Cipher.getInstance(TRANSFORMATION, provider(providerName));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("crypto provider '" + providerName + "' has no " + TRANSFORMATION, e);
        }
    }

    /** The provider for a non-empty name. */
    static Provider provider(String name) throws ProtocolException {
        Provider installed = Security.getProvider(name);
        if (installed != null) {
            return installed;
        }
        if (BOUNCY_CASTLE.equals(name)) {
            try {
                return BouncyCastle.PROVIDER;
            } catch (LinkageError e) {
                // NoClassDefFoundError (jar absent, or an OSGi optional import left unwired) or a failed init
                throw new ProtocolException("crypto provider BC (Bouncy Castle) was requested but bcprov is not available", e);
            }
        }
        throw new ProtocolException("crypto provider '" + name + "' is not installed");
    }
}

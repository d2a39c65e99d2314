package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityName;
import java.util.Optional;

/** Where secrets come from: a keyring file, a {@code key} option, a vault. */
@FunctionalInterface
public interface Keyring {

    /** The key of an entity, if this keyring holds one. */
    Optional<CryptoKey> key(EntityName entity);

    static Keyring empty() {
        return e -> Optional.empty();
    }
}

package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityName;
import java.util.Optional;

/** Where secrets come from: a keyring file, a {@code key} option, a vault. */
@FunctionalInterface
public interface Keyring {

    /** The key of an entity, if this keyring holds one. */
    Optional<CryptoKey> key(EntityName entity);

    /** Where the keys come from, for error messages (a file name; never key material). */
    default String origin() {
        return "the keyring";
    }

    static Keyring empty() {
        return e -> Optional.empty();
    }
}

package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityName;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** This keyring's key of an entity, else {@code other}'s. */
    default Keyring orElse(Keyring other) {
        Keyring self = this;
        return new Keyring() {
            @Override
            public Optional<CryptoKey> key(EntityName entity) {
                return self.key(entity).or(() -> other.key(entity));
            }

            @Override
            public String origin() {
                return self.origin();
            }
        };
    }

    static Keyring empty() {
        return e -> Optional.empty();
    }

    /** A fresh random AES key ({@link CryptoKey#generateAes()}) for each of these entities, held in memory. */
    static Keyring generated(EntityName... entities) {
        Map<EntityName, CryptoKey> keys = new LinkedHashMap<>();
        for (EntityName e : entities) {
            keys.put(e, CryptoKey.generateAes());
        }
        return new Keyring() {
            @Override
            public Optional<CryptoKey> key(EntityName entity) {
                return Optional.ofNullable(keys.get(entity));
            }

            @Override
            public String origin() {
                return "the keys generated for " + keys.keySet();
            }
        };
    }
}

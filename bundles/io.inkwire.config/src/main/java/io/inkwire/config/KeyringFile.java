package io.inkwire.config;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plaintext keyring as Ceph writes it ({@code ceph-authtool}, {@code ceph auth get}):
 * <pre>
 * [client.admin]
 *         key = AQCATwJrnakFBBAAhQ6IXl62hKpppqwRwFYtzg==
 *         caps mon = "allow *"
 * </pre>
 * Parsed like a conf file (Ceph's {@code KeyRing::decode_plaintext} uses the same parser); each
 * section must be an entity name; {@code caps} and other lines are ignored. Every key is decoded
 * when the file is loaded, so a malformed key fails early. Binary keyrings
 * ({@code keyring.bin}) are not supported.
 *
 * <p>{@link #key(EntityName)} returns a copy the caller may {@link CryptoKey#destroy()}.
 */
public final class KeyringFile implements Keyring {

    private final String origin;
    private final Map<EntityName, CryptoKey> keys;

    private KeyringFile(String origin, Map<EntityName, CryptoKey> keys) {
        this.origin = origin;
        this.keys = keys;
    }

    /**
     * Reads a keyring file.
     *
     * @throws KeyringException MISSING_FILE, UNREADABLE_FILE, MALFORMED_KEYRING or MALFORMED_KEY
     */
    public static KeyringFile read(Path file) throws KeyringException {
        return parse(readText(file, "keyring"), file.toString());
    }

    /**
     * Parses keyring text.
     *
     * @param origin names the keyring in messages
     * @throws KeyringException MALFORMED_KEYRING or MALFORMED_KEY
     */
    public static KeyringFile parse(String text, String origin) throws KeyringException {
        Map<String, Map<String, String>> sections;
        try {
            sections = IniParser.parse(text, origin, true);
        } catch (IllegalArgumentException e) {
            throw new KeyringException(KeyringException.Reason.MALFORMED_KEYRING,
                "not a valid keyring: " + e.getMessage());
        }
        Map<EntityName, CryptoKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
            EntityName name;
            try {
                name = EntityName.parse(s.getKey());
            } catch (IllegalArgumentException e) {
                throw new KeyringException(KeyringException.Reason.MALFORMED_KEYRING,
                    origin + ": section [" + s.getKey() + "] is not an entity name such as client.admin");
            }
            String b64 = s.getValue().get("key");
            if (b64 == null) {
                continue;
            }
            keys.put(name, decode(b64, origin + ": key of " + name));
        }
        return new KeyringFile(origin, Collections.unmodifiableMap(keys));
    }

    /** One entity's keyring: what the {@code key} or {@code keyfile} option gives. */
    static KeyringFile single(String origin, EntityName entity, CryptoKey key) {
        return new KeyringFile(origin, Map.of(entity, key));
    }

    @Override
    public Optional<CryptoKey> key(EntityName entity) {
        CryptoKey k = keys.get(entity);
        return k == null ? Optional.empty() : Optional.of(copy(k));
    }

    /**
     * The key of {@code entity}.
     *
     * @throws KeyringException NO_SUCH_ENTITY, naming the entities this keyring does hold
     */
    public CryptoKey require(EntityName entity) throws KeyringException {
        return key(entity).orElseThrow(() -> new KeyringException(KeyringException.Reason.NO_SUCH_ENTITY,
            "keyring " + origin + " has no key for " + entity
                + (keys.isEmpty() ? " (it holds no keys)" : " (it holds " + keys.keySet() + ")")));
    }

    /** The entities with a key, in file order. */
    public Set<EntityName> entities() {
        return keys.keySet();
    }

    /** The file (or option) this keyring came from. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "KeyringFile[" + origin + ": " + keys.keySet() + "]";
    }

    static CryptoKey decode(String base64, String what) throws KeyringException {
        try {
            return CryptoKey.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            // CryptoKey's messages describe the defect, never the text
            throw new KeyringException(KeyringException.Reason.MALFORMED_KEY, what + ": " + e.getMessage());
        }
    }

    static String readText(Path file, String what) throws KeyringException {
        try {
            return CephConfFile.readUtf8(file, what + " " + file);
        } catch (NoSuchFileException e) {
            throw new KeyringException(KeyringException.Reason.MISSING_FILE, what + " " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new KeyringException(KeyringException.Reason.UNREADABLE_FILE, what + " " + file + " is not readable (permission denied)", e);
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new KeyringException(KeyringException.Reason.UNREADABLE_FILE, what + " " + file + " cannot be read: " + why, e);
        } catch (IllegalArgumentException e) {
            // not UTF-8 or too large: e.g. a binary keyring.bin
            throw new KeyringException(KeyringException.Reason.MALFORMED_KEYRING,
                e.getMessage() + " (binary keyrings are not supported)");
        }
    }

    private static CryptoKey copy(CryptoKey k) {
        byte[] secret = k.secret();
        try {
            return new CryptoKey(k.type(), k.createdSec(), k.createdNsec(), secret);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }
}

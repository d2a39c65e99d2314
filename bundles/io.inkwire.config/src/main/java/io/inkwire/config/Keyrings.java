package io.inkwire.config;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Where an entity's secret comes from, in Ceph's order ({@code KeyRing::from_ceph_context}):
 * <ol>
 * <li>the {@code key} option: a literal base64 key;</li>
 * <li>the {@code keyfile} option: a file holding a bare base64 key;</li>
 * <li>the {@code keyring} option: a comma-separated list of keyring files, metavariables
 *     expanded; the first that exists wins (Ceph's default list is
 *     {@code /etc/ceph/$cluster.$name.keyring,/etc/ceph/$cluster.keyring,/etc/ceph/keyring,/etc/ceph/keyring.bin},
 *     {@link CephConfig#DEFAULTS}).</li>
 * </ol>
 */
public final class Keyrings {

    private Keyrings() {
    }

    /**
     * The keyring {@code config} points at for {@code entity}. A keyring file that lacks the
     * entity is returned as is (its {@link Keyring#key} is empty); use {@link #resolveKey} to
     * require the key.
     *
     * @throws KeyringException MALFORMED_KEY, MISSING_FILE / UNREADABLE_FILE (key file, or the
     *     keyring chosen), NO_KEYRING_FOUND, MALFORMED_KEYRING
     */
    public static KeyringFile resolve(CephConfig config, EntityName entity) throws KeyringException {
        String key = config.getString("key", "").strip();
        if (!key.isEmpty()) {
            return KeyringFile.single("option 'key'", entity, KeyringFile.decode(key, "option 'key'"));
        }
        String keyfile = Metavariables.expand(config.getString("keyfile", "").strip(), config, entity);
        if (!keyfile.isEmpty()) {
            Path p = Paths.get(keyfile);
            String text = KeyringFile.readText(p, "key file");
            return KeyringFile.single("key file " + p, entity, KeyringFile.decode(text.strip(), "key file " + p));
        }
        String list = Metavariables.expand(config.getString("keyring", ""), config, entity);
        List<String> candidates = CephConfFile.splitList(list);
        for (String c : candidates) {
            Path p = Paths.get(c);
            if (Files.exists(p)) {
                return KeyringFile.read(p);
            }
        }
        throw new KeyringException(KeyringException.Reason.NO_KEYRING_FOUND,
            "no keyring found for " + entity + ": none of " + candidates + " exists (set --keyring, keyring = ..., key or keyfile)");
    }

    /**
     * The key of {@code entity}, from wherever {@code config} points.
     *
     * @throws KeyringException as {@link #resolve}, or NO_SUCH_ENTITY
     */
    public static CryptoKey resolveKey(CephConfig config, EntityName entity) throws KeyringException {
        return resolve(config, entity).require(entity);
    }
}

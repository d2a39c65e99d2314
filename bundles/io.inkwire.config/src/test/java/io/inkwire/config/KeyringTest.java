package io.inkwire.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthException;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.config.CephConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {

    /** The client.admin key of the msgr2-crc capture (a throw-away lab). */
    private static final String ADMIN_KEY = "AQCATwJrnakFBBAAhQ6IXl62hKpppqwRwFYtzg==";
    private static final String ADMIN_SECRET_HEX = "850e885e5eb684aa69a6ac11c0562dce";
    private static final EntityName ADMIN = EntityName.CLIENT_ADMIN;
    private static final EntityName BOB = new EntityName(EntityType.CLIENT, "bob");

    @TempDir
    Path dir;

    private Path captureKeyring() throws Exception {
        Path p = dir.resolve("ceph.client.admin.keyring");
        try (InputStream in = getClass().getResourceAsStream("/msgr2-crc.client.admin.keyring")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void reads_the_keyring_ceph_wrote() throws Exception {
        KeyringFile k = KeyringFile.read(captureKeyring());
        assertEquals(Set.of(ADMIN), k.entities());
        CryptoKey key = k.key(ADMIN).orElseThrow();
        assertEquals(CryptoKey.CEPH_CRYPTO_AES, key.type());
        assertEquals(1795313536L, key.createdSec());
        assertEquals(67479965, key.createdNsec());
        assertArrayEquals(HexFormat.of().parseHex(ADMIN_SECRET_HEX), key.secret());
        assertEquals(ADMIN_KEY, key.toBase64());
        assertTrue(k.key(BOB).isEmpty());
        // a copy: destroying it leaves the keyring's key intact
        key.destroy();
        assertArrayEquals(HexFormat.of().parseHex(ADMIN_SECRET_HEX), k.key(ADMIN).orElseThrow().secret());
        assertFalse(k.toString().contains("AQC"), k.toString());
    }

    @Test
    void several_entities_caps_ignored() throws Exception {
        KeyringFile k = KeyringFile.parse(String.join("\n",
            "[mon.]", "\tkey = " + ADMIN_KEY, "\tcaps mon = \"allow *\"",
            "[client.bob]", "key=" + ADMIN_KEY, "caps osd = 'allow rw pool=test'", "auid = 0",
            "[client.nokey]", "caps mon = \"allow r\"", ""), "multi");
        assertEquals(List.of(new EntityName(EntityType.MON, ""), BOB), List.copyOf(k.entities()));
        assertEquals(ADMIN_KEY, k.require(BOB).toBase64());
    }

    @Test
    void missing_file() {
        KeyringException e = assertThrows(KeyringException.class, () -> KeyringFile.read(dir.resolve("none.keyring")));
        assertEquals(KeyringException.Reason.MISSING_FILE, e.reason());
        assertEquals(AuthException.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("none.keyring") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void unreadable_file() throws Exception {
        Path d = Files.createDirectory(dir.resolve("a-directory.keyring"));
        KeyringException e = assertThrows(KeyringException.class, () -> KeyringFile.read(d));
        assertEquals(KeyringException.Reason.UNREADABLE_FILE, e.reason());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void entity_not_in_keyring() throws Exception {
        KeyringFile k = KeyringFile.read(captureKeyring());
        KeyringException e = assertThrows(KeyringException.class, () -> k.require(BOB));
        assertEquals(KeyringException.Reason.NO_SUCH_ENTITY, e.reason());
        assertTrue(e.getMessage().contains("no key for client.bob") && e.getMessage().contains("client.admin"), e.getMessage());
    }

    @Test
    void malformed_key_never_echoes_the_text() {
        for (String bad : new String[] {"AQCATwJrnakFBBAAhQ6IXl62hKpppq!!", "AQCATwJrnakFBBAAhQ6IXl62", "c2VjcmV0IHNlY3JldCBzZWNyZXQ="}) {
            KeyringException e = assertThrows(KeyringException.class,
                () -> KeyringFile.parse("[client.admin]\nkey = " + bad + "\n", "k"));
            assertEquals(KeyringException.Reason.MALFORMED_KEY, e.reason());
            assertEquals(AuthException.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("key of client.admin"), e.getMessage());
            assertFalse(e.getMessage().contains(bad.substring(0, 8)), e.getMessage());
        }
    }

    @Test
    void malformed_keyring() throws Exception {
        KeyringException e = assertThrows(KeyringException.class, () -> KeyringFile.parse("[global]\nkey = x\n", "k"));
        assertEquals(KeyringException.Reason.MALFORMED_KEYRING, e.reason());
        // a syntax error says where, but quotes nothing from the file
        String secretish = "AQCATwJrnakFBBAAhQ6IXl62hKpppqwRwFYtzg";
        e = assertThrows(KeyringException.class, () -> KeyringFile.parse("[client.admin]\n" + secretish + "\n", "k"));
        assertEquals(KeyringException.Reason.MALFORMED_KEYRING, e.reason());
        assertTrue(e.getMessage().contains("k:2:"), e.getMessage());
        assertFalse(e.getMessage().contains("AQC"), e.getMessage());
        Path bin = Files.write(dir.resolve("keyring.bin"), new byte[] {1, 0, (byte) 0xff, (byte) 0xfe, 0, 0x10});
        e = assertThrows(KeyringException.class, () -> KeyringFile.read(bin));
        assertEquals(KeyringException.Reason.MALFORMED_KEYRING, e.reason());
    }

    @Test
    void resolve_prefers_key_then_keyfile_then_keyring() throws Exception {
        Path keyring = captureKeyring();
        Path keyfile = Files.writeString(dir.resolve("admin.key"), ADMIN_KEY + "\n");
        CephConfig base = CephConfig.empty().with("keyring", keyring.toString());

        assertEquals(ADMIN_KEY, Keyrings.resolveKey(base, ADMIN).toBase64());
        assertEquals("option 'key'", Keyrings.resolve(base.with("key", ADMIN_KEY), BOB).origin());
        assertEquals(ADMIN_KEY, Keyrings.resolveKey(base.with("key", ADMIN_KEY), BOB).toBase64());
        assertEquals(ADMIN_KEY, Keyrings.resolveKey(base.with("keyfile", keyfile.toString()), BOB).toBase64());

        KeyringException e = assertThrows(KeyringException.class,
            () -> Keyrings.resolveKey(base.with("key", "not a key"), ADMIN));
        assertEquals(KeyringException.Reason.MALFORMED_KEY, e.reason());
        assertFalse(e.getMessage().contains("not a key"), e.getMessage());
        e = assertThrows(KeyringException.class,
            () -> Keyrings.resolveKey(base.with("keyfile", dir.resolve("nokeyfile").toString()), ADMIN));
        assertEquals(KeyringException.Reason.MISSING_FILE, e.reason());
        e = assertThrows(KeyringException.class, () -> Keyrings.resolveKey(base, BOB));
        assertEquals(KeyringException.Reason.NO_SUCH_ENTITY, e.reason());
    }

    @Test
    void the_keyring_list_takes_the_first_existing_file_with_metavariables() throws Exception {
        Path keyring = captureKeyring();
        Files.move(keyring, dir.resolve("backup.client.admin.keyring"));
        String list = dir + "/$cluster.$name.keyring," + dir + "/$cluster.keyring;" + dir + "/keyring";
        CephConfig c = CephConfig.empty().with("keyring", list).with("cluster", "backup");
        KeyringFile k = Keyrings.resolve(c, ADMIN);
        assertEquals(dir + "/backup.client.admin.keyring", k.origin());

        KeyringException e = assertThrows(KeyringException.class, () -> Keyrings.resolve(c.with("cluster", "ceph"), ADMIN));
        assertEquals(KeyringException.Reason.NO_KEYRING_FOUND, e.reason());
        assertTrue(e.getMessage().contains(dir + "/ceph.client.admin.keyring"), e.getMessage());
    }

    @Test
    void the_default_search_path_is_cephs() {
        assertEquals("/etc/ceph/$cluster.$name.keyring,/etc/ceph/$cluster.keyring,/etc/ceph/keyring,/etc/ceph/keyring.bin",
            CephConfig.empty().get("keyring").orElseThrow());
        assertEquals("/etc/ceph/ceph.client.admin.keyring,/etc/ceph/ceph.keyring,/etc/ceph/keyring,/etc/ceph/keyring.bin",
            Metavariables.expand(CephConfig.empty().get("keyring").orElseThrow(), CephConfig.empty(), ADMIN));
    }
}

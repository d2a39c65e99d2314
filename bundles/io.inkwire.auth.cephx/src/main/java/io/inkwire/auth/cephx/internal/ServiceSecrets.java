package io.inkwire.auth.cephx.internal;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.auth.Keyring;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets service tickets are encrypted with: one current secret per service, no rotation.
 *
 * <p>Where a secret comes from, per service type T (MON, MDS, OSD, MGR, AUTH):
 * <ul>
 *   <li>the keyring entry {@code T.} with an empty id (e.g. {@code [osd.]}, or the monitors'
 *       {@code [mon.]}), used with secret_id −1: Ceph's "general service secret", which its
 *       services also accept (CephxProtocol.cc cephx_verify_authorizer, secret_id == -1). A
 *       monitor-role and a service-role handler that share such an entry understand each other's
 *       tickets;</li>
 *   <li>otherwise a random secret made when the handler starts, with a random secret_id: only
 *       this handler can read those tickets (fine for AUTH tickets, which only the issuing
 *       monitor reads).</li>
 * </ul>
 * Left out: Ceph's rotating secrets (three per service, expiring, fetched by daemons with
 * CEPHX_GET_ROTATING_KEY), so tickets issued by a real Ceph monitor cannot be checked here, and a
 * restarted handler forgets its random secrets (clients then authenticate afresh).
 */
final class ServiceSecrets {

    /** Ceph's secret_id for the general (non-rotating) service secret. */
    static final long GENERAL_SECRET_ID = -1L;

    record Secret(long secretId, CephxKey key) {
    }

    private final Map<Integer, Secret> secrets = new HashMap<>();

    ServiceSecrets(Keyring keyring, CephxRuntime rt) {
        Instant now = rt.clock().instant();
        for (int s : ServiceMask.SERVICES) {
            EntityType type = EntityType.fromCode(s);
            Optional<CryptoKey> k = keyring.key(new EntityName(type, ""));
            if (k.isPresent() && k.get().type() == CryptoKey.CEPH_CRYPTO_AES && k.get().length() >= CephxKey.AES_KEY_BYTES) {
                secrets.put(s, new Secret(GENERAL_SECRET_ID, CephxKey.of(k.get())));
            } else {
                long id;
                do {
                    id = rt.random().nextLong() & Long.MAX_VALUE;
                } while (id == 0);
                secrets.put(s, new Secret(id, CephxKey.generate(rt.random(), now)));
            }
        }
    }

    /** The secret new tickets for {@code serviceId} are encrypted with, or null for an unknown service. */
    Secret current(int serviceId) {
        return secrets.get(serviceId);
    }

    /** The secret a presented ticket names, or null. */
    CephxKey find(int serviceId, long secretId) {
        Secret s = secrets.get(serviceId);
        return s != null && s.secretId() == secretId ? s.key() : null;
    }

    void destroy() {
        secrets.values().forEach(s -> s.key().destroy());
    }
}

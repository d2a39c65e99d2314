package io.inkwire.camel;

import java.util.Map;

/**
 * How to reach a cluster, as the {@code ceph} CLI's {@code -c}, {@code -k}, {@code -m},
 * {@code -n}, {@code -i} and {@code --NAME VALUE} say it (null where not given). Endpoints with
 * equal settings share one client.
 */
record RadosConnectionSettings(String conf, String keyring, String monHost, String name, String id, Map<String, String> options) {

    RadosConnectionSettings {
        options = Map.copyOf(options);
    }
}

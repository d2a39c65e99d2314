package io.inkwire.osgi;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddrVec;
import java.time.Duration;
import java.util.List;

/**
 * What a client of a configured messenger's cluster connects with: exactly the arguments of
 * {@code MonClient.connect} and {@code Rados.connect}. The configuration is the messenger's own
 * (its options, keyring and live providers, the codecs installed when this was taken, and its
 * dispatcher: the client's connections are listed with the messenger's and closed when their
 * provider goes away).
 *
 * @param transport    the messenger's transport
 * @param config       the messenger's configuration
 * @param monitors     the monitors of {@code mon_host}, never empty
 * @param mountTimeout {@code client_mount_timeout}
 */
public record ClusterClientSettings(MessengerFactory transport, MessengerConfig config, List<EntityAddrVec> monitors, Duration mountTimeout) {

    public ClusterClientSettings {
        monitors = List.copyOf(monitors);
        if (monitors.isEmpty()) {
            throw new IllegalArgumentException("no monitors to connect to: set mon_host (-m) or a ceph.conf with mon_host");
        }
    }
}

package io.inkwire.osgi;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.addr.EntityName;
import io.inkwire.monclient.MonClient;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A messenger made from one {@code io.inkwire.messenger} factory configuration, registered as an
 * OSGi service (next to the plain {@link Messenger} and, once its monitor session is up, the
 * {@link MonClient}). A configuration change replaces it. Its service properties are
 * {@code inkwire.messenger} (the PID), {@code inkwire.entity}, and {@code inkwire.mon_host} and
 * {@code inkwire.bound} when set.
 */
@ProviderType
public interface ManagedMessenger {

    /** The factory configuration's PID. */
    String pid();

    /** Our entity name. */
    EntityName name();

    /** The messenger for connections of the user's own. */
    Messenger messenger();

    /** The monitor client, when {@code mon_host} is configured and a monitor session is up. */
    Optional<MonClient> monClient();

    /** The established connections of this messenger and of its monitor client, oldest first. */
    List<Connection> connections();

    /** Why the monitor session is not up, when it is not (empty otherwise or without mon_host). */
    Optional<String> monClientProblem();

    /**
     * How a further client of this messenger's cluster connects (a RADOS client, for one), with the
     * codecs installed now; empty without {@code mon_host}.
     */
    Optional<ClusterClientSettings> clusterClient();
}

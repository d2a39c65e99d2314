package io.inkwire.rados.osgi.internal;

import io.inkwire.osgi.ManagedMessenger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * One {@code RadosClient} service per configured messenger ({@code io.inkwire.messenger}) that has
 * {@code mon_host}, connected with that messenger's configuration: its options, keyring, live
 * providers and dispatcher, so the client's connections are listed with the messenger's
 * ({@code inkwire:connections}) and closed when their provider goes away. The client follows the
 * messenger: a changed configuration replaces both, a deleted one (or this bundle stopping)
 * unregisters and closes it.
 *
 * <p>A client of its own rather than the messenger's {@code MonClient}: the request engine must
 * see the monitor session's OSDMaps, and a {@code MonClient}'s dispatcher is fixed when it is
 * created (librados, too, keeps a monitor session per client).
 */
@Component(immediate = true, service = {})
public final class RadosClientServices {

    /** Service properties of the messenger that the client's registration repeats. */
    private static final List<String> INHERITED = List.of("inkwire.messenger", "inkwire.entity", "inkwire.mon_host");

    private final BundleContext bc;
    private final Map<ServiceReference<ManagedMessenger>, RadosClientSession> sessions = new HashMap<>();
    private boolean deactivated;

    @Activate
    public RadosClientServices(BundleContext bc) {
        this.bc = bc;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(inkwire.mon_host=*)")
    void bindMessenger(ManagedMessenger messenger, ServiceReference<ManagedMessenger> ref) {
        Hashtable<String, Object> props = new Hashtable<>();
        for (String key : INHERITED) {
            Object v = ref.getProperty(key);
            if (v != null) {
                props.put(key, v);
            }
        }
        RadosClientSession s = new RadosClientSession(bc, messenger, props);
        synchronized (this) {
            if (deactivated) {
                return;
            }
            sessions.put(ref, s);
        }
        s.start();
    }

    void unbindMessenger(ManagedMessenger messenger, ServiceReference<ManagedMessenger> ref) {
        RadosClientSession s;
        synchronized (this) {
            s = sessions.remove(ref);
        }
        if (s != null) {
            s.stop();
        }
    }

    @Deactivate
    void deactivate() {
        List<RadosClientSession> all;
        synchronized (this) {
            deactivated = true;
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        all.forEach(RadosClientSession::stop);
    }
}

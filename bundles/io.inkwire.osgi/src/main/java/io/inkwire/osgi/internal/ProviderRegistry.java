package io.inkwire.osgi.internal;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.osgi.InkwireProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The whiteboard: binds every {@link AuthProvider}, {@link ConnectionMode}, {@link MessageCodec}
 * and {@link MessengerFactory} service dynamically, so bundles that start or stop change what the
 * next connection offers, with no restart. Codecs of one message type: the best ranking wins.
 */
@Component(service = InkwireProviders.class, immediate = true)
public final class ProviderRegistry implements InkwireProviders {

    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private final ServiceList<AuthProvider> auth = new ServiceList<>();
    private final ServiceList<ConnectionMode> modes = new ServiceList<>();
    private final ServiceList<MessageCodec<?>> codecs = new ServiceList<>();
    private final ServiceList<MessengerFactory> transports = new ServiceList<>();
    private final List<WithdrawalListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthProvider(AuthProvider p, ServiceReference<AuthProvider> ref) {
        auth.add(ref, p);
        LOG.log(System.Logger.Level.DEBUG, () -> "auth method " + p.name() + " (" + p.method() + ") installed");
    }

    void unbindAuthProvider(AuthProvider p, ServiceReference<AuthProvider> ref) {
        if (auth.remove(ref) != null) {
            withdrawn("auth", p.name());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindConnectionMode(ConnectionMode m, ServiceReference<ConnectionMode> ref) {
        modes.add(ref, m);
        LOG.log(System.Logger.Level.DEBUG, () -> "connection mode " + m.name() + " (" + m.id() + ") installed");
    }

    void unbindConnectionMode(ConnectionMode m, ServiceReference<ConnectionMode> ref) {
        if (modes.remove(ref) != null) {
            withdrawn("mode", m.name());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMessageCodec(MessageCodec<?> c, ServiceReference<MessageCodec<?>> ref) {
        codecs.add(ref, c);
    }

    void unbindMessageCodec(MessageCodec<?> c, ServiceReference<MessageCodec<?>> ref) {
        codecs.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMessengerFactory(MessengerFactory f, ServiceReference<MessengerFactory> ref) {
        transports.add(ref, f);
    }

    void unbindMessengerFactory(MessengerFactory f, ServiceReference<MessengerFactory> ref) {
        transports.remove(ref);
    }

    private void withdrawn(String kind, String name) {
        LOG.log(System.Logger.Level.DEBUG, () -> kind + " " + name + " withdrawn");
        for (WithdrawalListener l : listeners) {
            try {
                l.withdrawn(kind, name);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a withdrawal listener failed: " + e, e);
            }
        }
    }

    @Override
    public List<AuthProvider> authProviders() {
        return auth.get();
    }

    @Override
    public List<ConnectionMode> modes() {
        return modes.get();
    }

    @Override
    public List<MessageCodec<?>> codecs() {
        return codecs.get();
    }

    @Override
    public List<MessengerFactory> transports() {
        return transports.get();
    }

    /** The codecs now installed, one per message type (the best ranking; the list is best first). */
    MessageCodecs codecSet() {
        Map<Integer, MessageCodec<?>> byType = new java.util.LinkedHashMap<>();
        for (MessageCodec<?> c : codecs.get()) {
            byType.putIfAbsent(c.type(), c);
        }
        return MessageCodecs.of(new ArrayList<>(byType.values()));
    }

    @Override
    public MessengerConfig.Builder messengerConfig(EntityName name) {
        return MessengerConfig.builder(name).liveAuthProviders(auth::get).liveModes(modes::get).codecs(codecSet());
    }

    @Override
    public AutoCloseable onWithdrawn(WithdrawalListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}

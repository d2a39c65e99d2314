package io.inkwire.osgi.internal;

import io.inkwire.api.Connection;
import io.inkwire.api.Dispatcher;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.Keyring;
import io.inkwire.api.config.CephConfig;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.KeyringException;
import io.inkwire.config.Keyrings;
import io.inkwire.config.MonHosts;
import io.inkwire.monclient.MonClient;
import io.inkwire.osgi.ClusterClientSettings;
import io.inkwire.osgi.InkwireProviders;
import io.inkwire.osgi.ManagedMessenger;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One messenger per {@code io.inkwire.messenger} factory configuration. It builds the Ceph options
 * from the configuration (and an optional ceph.conf), creates a messenger whose auth methods and
 * modes are live (the {@link InkwireProviders} whiteboard), binds it when {@code bind} is set, and
 * registers it as {@link ManagedMessenger} and {@link Messenger}. With {@code mon_host} it keeps a
 * {@link MonClient} session up on its own thread (reconnecting with backoff) and registers the
 * {@link MonClient} while the session lives.
 *
 * <p>Events go to {@link Dispatcher} services whose {@code inkwire.messenger} property names this
 * configuration's PID or entity name (or is {@code *}).
 *
 * <p><b>Withdrawn providers:</b> when an auth method's or a mode's service goes away, connections
 * that negotiated it are closed (pending sends fail); new connections negotiate among what
 * remains, and the monitor session reconnects. Closing, rather than letting them run on, keeps no
 * code of a stopped bundle running and lets the bundle be refreshed or garbage-collected. A
 * configuration change replaces the messenger (DS re-activates the component).
 */
@Component(configurationPid = MessengerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MessengerConfiguration.class, factory = true)
public final class MessengerComponent implements ManagedMessenger {

    /** The factory PID. */
    public static final String FACTORY_PID = "io.inkwire.messenger";
    /** Service property naming the messenger (PID or entity) a service belongs to. */
    public static final String PROP_MESSENGER = "inkwire.messenger";

    private static final System.Logger LOG = System.getLogger(MessengerComponent.class.getName());
    /** Configuration properties that are not Ceph options. */
    private static final Set<String> NOT_OPTIONS = Set.of("entity_name", "conf", "bind");

    private final InkwireProviders providers;
    private final MessengerFactory transport;
    private final ServiceList<Map.Entry<String, Dispatcher>> dispatchers = new ServiceList<>();

    private volatile String pid;
    private volatile EntityName name;
    private volatile ConnectionTracker tracker;
    private volatile Messenger messenger;
    private volatile AutoCloseable withdrawals;
    private volatile MonSession monSession;
    private volatile MessengerConfig config;
    private volatile List<EntityAddrVec> mons = List.of();
    private volatile Duration mountTimeout;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public MessengerComponent(@Reference InkwireProviders providers, @Reference(name = "transport") MessengerFactory transport) {
        this.providers = providers;
        this.transport = transport;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + PROP_MESSENGER + "=*)")
    void bindDispatcher(Dispatcher d, ServiceReference<Dispatcher> ref) {
        dispatchers.add(ref, Map.entry(String.valueOf(ref.getProperty(PROP_MESSENGER)), d));
    }

    void unbindDispatcher(Dispatcher d, ServiceReference<Dispatcher> ref) {
        dispatchers.remove(ref);
    }

    private List<Dispatcher> dispatchersForUs() {
        List<Dispatcher> out = new ArrayList<>();
        for (Map.Entry<String, Dispatcher> e : dispatchers.get()) {
            String m = e.getKey();
            if (m.equals("*") || m.equals(pid) || m.equals(String.valueOf(name))) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    @Activate
    void activate(BundleContext bc, Map<String, Object> props) throws Exception {
        pid = String.valueOf(props.get("service.pid"));
        name = EntityName.parse(stringOf(props.getOrDefault("entity_name", "client.admin")));
        CephConfig options = options(props, name);
        Keyring keyring = keyring(options, name);
        tracker = new ConnectionTracker(this::dispatchersForUs);
        config = providers.messengerConfig(name).options(options).keyring(keyring).dispatcher(tracker).build();
        messenger = transport.create(config);
        withdrawals = providers.onWithdrawn((kind, n) -> tracker.closeUsing(kind, n));

        Hashtable<String, Object> sp = new Hashtable<>();
        sp.put(PROP_MESSENGER, pid);
        sp.put("inkwire.entity", name.toString());
        String bind = stringOf(props.getOrDefault("bind", "")).trim();
        if (!bind.isEmpty()) {
            EntityAddrVec bound = messenger.bind(EntityAddrVec.parse(bind)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            sp.put("inkwire.bound", bound.toString());
        }
        String monHost = options.getString("mon_host", "").trim();
        if (!monHost.isEmpty()) {
            sp.put("inkwire.mon_host", monHost);
            // before the registration: a client of the cluster may be built as soon as the service shows
            List<EntityAddrVec> parsed = new ArrayList<>();
            MonHosts.parse(monHost).forEach(m -> parsed.add(m.addrs()));
            mountTimeout = Duration.ofMillis((long) (options.getSeconds("client_mount_timeout", 30) * 1000));
            mons = List.copyOf(parsed);
        }
        synchronized (registrations) {
            registrations.add(bc.registerService(Messenger.class, messenger, sp));
            registrations.add(bc.registerService(ManagedMessenger.class, this, sp));
        }
        if (!monHost.isEmpty()) {
            monSession = new MonSession(bc, sp);
            monSession.start();
        }
        LOG.log(System.Logger.Level.INFO, "messenger " + pid + " (" + name + ") active" + (monHost.isEmpty() ? "" : ", monitors " + monHost));
    }

    @Deactivate
    void deactivate() {
        MonSession s = monSession;
        if (s != null) {
            s.stop();
        }
        synchronized (registrations) {
            for (ServiceRegistration<?> r : registrations) {
                try {
                    r.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework may have unregistered it while stopping our bundle
                }
            }
            registrations.clear();
        }
        try {
            withdrawals.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "removing the withdrawal listener: " + e);
        }
        messenger.close();
    }

    /** Ceph options: the ceph.conf named by {@code conf}, overridden by every option-like property. */
    static CephConfig options(Map<String, Object> props, EntityName name) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : props.entrySet()) {
            String k = e.getKey();
            if (k.contains(".") || NOT_OPTIONS.contains(k) || e.getValue() == null) {
                continue; // service.pid, component.name, transport.target, felix.fileinstall.filename, ...
            }
            String v = stringOf(e.getValue());
            if (!v.isEmpty()) {
                o.put(CephConfig.normalize(k), v);
            }
        }
        CephConfig overrides = CephConfig.of(o);
        String conf = stringOf(props.getOrDefault("conf", "")).trim();
        return conf.isEmpty() ? overrides : CephConfFile.read(Path.of(conf)).resolve(name, overrides);
    }

    /** Our keyring; without one (e.g. auth none) an empty keyring, and cephx will say what is missing. */
    private static Keyring keyring(CephConfig options, EntityName name) {
        try {
            return Keyrings.resolve(options, name);
        } catch (KeyringException e) {
            LOG.log(System.Logger.Level.WARNING, "no keyring for " + name + ": " + e.getMessage());
            return Keyring.empty();
        }
    }

    /** Configuration values as text: arrays and collections joined with ", " (Ceph's list syntax). */
    static String stringOf(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                parts.add(String.valueOf(Array.get(v, i)));
            }
            return String.join(", ", parts);
        }
        if (v instanceof Iterable<?> it) {
            List<String> parts = new ArrayList<>();
            it.forEach(x -> parts.add(String.valueOf(x)));
            return String.join(", ", parts);
        }
        return String.valueOf(v);
    }

    @Override
    public String pid() {
        return pid;
    }

    @Override
    public EntityName name() {
        return name;
    }

    @Override
    public Messenger messenger() {
        return messenger;
    }

    @Override
    public Optional<MonClient> monClient() {
        MonSession s = monSession;
        return s == null ? Optional.empty() : Optional.ofNullable(s.client);
    }

    @Override
    public Optional<String> monClientProblem() {
        MonSession s = monSession;
        return s == null || s.client != null ? Optional.empty() : Optional.ofNullable(s.problem);
    }

    @Override
    public Optional<ClusterClientSettings> clusterClient() {
        if (mons.isEmpty()) {
            return Optional.empty();
        }
        // codecs as installed now: the monitor messages' bundle may have started after us
        MessengerConfig c = config.toBuilder().codecs(providers.messengerConfig(name).build().codecs()).build();
        return Optional.of(new ClusterClientSettings(transport, c, mons, mountTimeout));
    }

    @Override
    public List<Connection> connections() {
        return tracker.connections();
    }

    @Override
    public String toString() {
        return "ManagedMessenger{" + pid + ", " + name + "}";
    }

    /** Keeps a monitor session up and the {@link MonClient} service registered while it lives. */
    private final class MonSession implements Runnable {
        private final BundleContext bc;
        private final Dictionary<String, Object> props;
        private final Thread thread;
        private volatile boolean stopped;
        private volatile MonClient client;
        private volatile String problem = "connecting";

        MonSession(BundleContext bc, Dictionary<String, Object> props) {
            this.bc = bc;
            this.props = props;
            this.thread = new Thread(this, "inkwire-monsession-" + pid);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            long backoffMillis = 500;
            while (!stopped) {
                MonClient mc = null;
                ServiceRegistration<?> reg = null;
                try {
                    ClusterClientSettings c = clusterClient().orElseThrow();
                    mc = MonClient.connect(c.transport(), c.config(), c.monitors(), c.mountTimeout());
                    client = mc;
                    problem = null;
                    reg = bc.registerService(MonClient.class, mc, props);
                    backoffMillis = 500;
                    LOG.log(System.Logger.Level.INFO, "messenger " + pid + ": monitor session up, " + mc.session().info().map(i -> i.summary()).orElse(""));
                    mc.session().closeFuture().toCompletableFuture().handle((v, e) -> null).get();
                    problem = "the monitor session closed";
                } catch (InterruptedException e) {
                    break;
                } catch (Exception e) {
                    problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, "messenger " + pid + ": no monitor session: " + problem);
                } finally {
                    client = null;
                    if (reg != null) {
                        try {
                            reg.unregister();
                        } catch (IllegalStateException alreadyGone) {
                            // our bundle is stopping
                        }
                    }
                    if (mc != null) {
                        mc.close();
                    }
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    break;
                }
                backoffMillis = Math.min(30_000, backoffMillis * 2);
            }
        }
    }
}

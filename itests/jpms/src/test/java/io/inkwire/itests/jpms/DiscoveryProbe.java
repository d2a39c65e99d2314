package io.inkwire.itests.jpms;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link ServiceLoaderDiscoveryTest}: finds every provider with
 * {@link ServiceLoader}, prints them with the module they came from, and handshakes an acceptor and
 * a connector (auth none) in the plugin's xor mode and in crc.
 */
public final class DiscoveryProbe {

    private DiscoveryProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<AuthProvider> auth = new ArrayList<>();
        ServiceLoader.load(AuthProvider.class).forEach(auth::add);
        List<ConnectionMode> modes = new ArrayList<>();
        ServiceLoader.load(ConnectionMode.class).forEach(modes::add);
        List<MessageCodec<?>> codecs = new ArrayList<>();
        ServiceLoader.load(MessageCodec.class).forEach(codecs::add);
        MessengerFactory transport = ServiceLoader.load(MessengerFactory.class).findFirst().orElseThrow();

        TreeSet<String> lines = new TreeSet<>();
        auth.forEach(p -> lines.add("auth " + p.name() + " " + p.method() + " " + where(p)));
        modes.forEach(m -> lines.add("mode " + m.name() + " " + m.id() + " " + where(m)));
        // per bundle: the monitor's messages and the OSD's
        Map<String, List<MessageCodec<?>>> byPackage = new java.util.TreeMap<>();
        codecs.forEach(c -> byPackage.computeIfAbsent(c.getClass().getPackageName(), k -> new ArrayList<>()).add(c));
        byPackage.forEach((pkg, cs) -> lines.add("codecs " + pkg + " " + cs.size() + " " + where(cs.get(0))));
        lines.add("transport " + transport.transport() + " " + where(transport));
        lines.forEach(System.out::println);

        for (String mode : List.of("xor", "crc")) {
            CephConfig o = CephConfig.of(Map.of("auth_client_required", "none", "auth_service_required", "none",
                    "ms_mon_client_mode", mode, "ms_mon_service_mode", mode));
            MessageCodecs cs = MessageCodecs.of(codecs);
            try (Messenger mon = transport.create(MessengerConfig.builder(new EntityName(EntityType.MON, "probe")).options(o)
                    .authProviders(auth).modes(modes).codecs(cs).build());
                 Messenger client = transport.create(MessengerConfig.builder(EntityName.CLIENT_ADMIN).options(o)
                    .authProviders(auth).modes(modes).codecs(cs).build())) {
                EntityAddr addr = mon.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture().get(10, TimeUnit.SECONDS).addrs().get(0);
                Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
                System.out.println("handshake auth=" + c.info().orElseThrow().authMethod() + " mode=" + c.info().orElseThrow().mode());
                c.close();
            }
        }
    }

    /** "module NAME" on the module path, "classpath" on the class path. */
    private static String where(Object o) {
        Module m = o.getClass().getModule();
        return m.isNamed() ? "module " + m.getName() : "classpath";
    }
}

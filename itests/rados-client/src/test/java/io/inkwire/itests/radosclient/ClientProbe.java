package io.inkwire.itests.radosclient;

import io.inkwire.api.Connection;
import io.inkwire.api.Messenger;
import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.CryptoKey;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.Keyrings;
import io.inkwire.rados.Rados;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Run in a child JVM by {@link RadosClientAggregateTest} on the aggregate's jars alone: finds every
 * provider with {@link ServiceLoader} as the README's example does, prints each with the module it
 * came from, then handshakes an acceptor and a connector with auth none in crc mode and with cephx in
 * secure mode, each side configured as the README shows: ceph.conf read by the config module, the
 * keyring it names resolved for the entity.
 */
public final class ClientProbe {

    private ClientProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<AuthProvider> auth = new ArrayList<>();
        ServiceLoader.load(AuthProvider.class).forEach(auth::add);
        List<ConnectionMode> modes = new ArrayList<>();
        ServiceLoader.load(ConnectionMode.class).forEach(modes::add);
        List<MessageCodec<?>> codecs = new ArrayList<>();
        ServiceLoader.load(MessageCodec.class).forEach(codecs::add);
        List<MessengerFactory> transports = new ArrayList<>();
        ServiceLoader.load(MessengerFactory.class).forEach(transports::add);

        TreeSet<String> lines = new TreeSet<>();
        auth.forEach(p -> lines.add("auth " + p.name() + " " + where(p.getClass())));
        modes.forEach(m -> lines.add("mode " + m.name() + " " + where(m.getClass())));
        transports.forEach(t -> lines.add("transport " + t.transport() + " " + where(t.getClass())));
        lines.add("codec types " + codecs.stream().map(MessageCodec::type).sorted().map(String::valueOf)
                .collect(Collectors.joining(",")));
        codecs.forEach(c -> lines.add("codecs from " + where(c.getClass())));
        lines.add("client " + where(Rados.class));
        lines.add("config " + where(CephConfFile.class));
        lines.forEach(System.out::println);

        MessageCodecs cs = MessageCodecs.of(codecs);
        EntityName monName = new EntityName(EntityType.MON, "probe");
        Path keyring = Files.createTempFile("inkwire-probe", ".keyring");
        try {
            Files.writeString(keyring, "[client.admin]\n\tkey = " + CryptoKey.generateAes().toBase64() + "\n[mon.probe]\n\tkey = "
                    + CryptoKey.generateAes().toBase64() + "\n");
            for (String authAndMode : List.of("none crc", "cephx secure")) {
                String[] am = authAndMode.split(" ");
                String conf = "[global]\nkeyring = " + keyring + "\nauth_client_required = " + am[0]
                        + "\nauth_service_required = " + am[0] + "\nms_mon_client_mode = " + am[1]
                        + "\nms_mon_service_mode = " + am[1] + "\n";
                handshake(transports.get(0), CephConfFile.parse(conf, "probe.conf"), monName, auth, modes, cs);
            }
        } finally {
            Files.delete(keyring);
        }
    }

    /** As the README configures a client: options and keyring resolved from ceph.conf for each side. */
    private static void handshake(MessengerFactory transport, CephConfFile conf, EntityName monName, List<AuthProvider> auth,
                                  List<ConnectionMode> modes, MessageCodecs cs) throws Exception {
        CephConfig monOptions = conf.resolve(monName);
        CephConfig clientOptions = conf.resolve(EntityName.CLIENT_ADMIN);
        try (Messenger mon = transport.create(MessengerConfig.builder(monName).options(monOptions)
                .keyring(Keyrings.resolve(monOptions, monName)).authProviders(auth).modes(modes).codecs(cs).build());
             Messenger client = transport.create(MessengerConfig.builder(EntityName.CLIENT_ADMIN).options(clientOptions)
                .keyring(Keyrings.resolve(clientOptions, EntityName.CLIENT_ADMIN)).authProviders(auth).modes(modes)
                .codecs(cs).build())) {
            EntityAddr addr = mon.bind(EntityAddrVec.of(EntityAddr.msgr2("127.0.0.1", 0))).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).addrs().get(0);
            Connection c = client.connect(addr, EntityType.MON).toCompletableFuture().get(20, TimeUnit.SECONDS);
            System.out.println("handshake auth=" + c.info().orElseThrow().authMethod() + " mode=" + c.info().orElseThrow().mode());
            c.close();
        }
    }

    /** "module NAME" on the module path, "classpath" on the class path. */
    private static String where(Class<?> c) {
        Module m = c.getModule();
        return m.isNamed() ? "module " + m.getName() : "classpath";
    }
}

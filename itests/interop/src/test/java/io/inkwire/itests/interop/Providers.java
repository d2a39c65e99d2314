package io.inkwire.itests.interop;

import io.inkwire.api.MessengerConfig;
import io.inkwire.api.MessengerFactory;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.config.CephConfig;
import io.inkwire.api.message.MessageCodec;
import io.inkwire.api.message.MessageCodecs;
import io.inkwire.api.mode.ConnectionMode;
import io.inkwire.config.CephConfFile;
import io.inkwire.config.Keyrings;
import io.inkwire.config.MonHosts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** What the CLI finds with ServiceLoader, for tests that drive the API directly. */
final class Providers {

    private Providers() {
    }

    static MessengerFactory transport() {
        return ServiceLoader.load(MessengerFactory.class).findFirst().orElseThrow();
    }

    static List<AuthProvider> auth() {
        List<AuthProvider> out = new ArrayList<>();
        ServiceLoader.load(AuthProvider.class).forEach(out::add);
        return out;
    }

    static List<ConnectionMode> modes() {
        List<ConnectionMode> out = new ArrayList<>();
        ServiceLoader.load(ConnectionMode.class).forEach(out::add);
        return out;
    }

    static MessageCodecs codecs() {
        List<MessageCodec<?>> out = new ArrayList<>();
        ServiceLoader.load(MessageCodec.class).forEach(out::add);
        return MessageCodecs.of(out);
    }

    /** A client.admin messenger configuration for a lab, as the CLI would build it. */
    static MessengerConfig.Builder forLab(Path conf, CephConfig overrides) throws Exception {
        CephConfig options = CephConfFile.read(conf).resolve(EntityName.CLIENT_ADMIN, overrides);
        return MessengerConfig.builder(EntityName.CLIENT_ADMIN).options(options).keyring(Keyrings.resolve(options, EntityName.CLIENT_ADMIN))
                .authProviders(auth()).modes(modes()).codecs(codecs());
    }

    static List<EntityAddrVec> monitors(Path conf) throws Exception {
        CephConfig options = CephConfFile.read(conf).resolve(EntityName.CLIENT_ADMIN);
        List<EntityAddrVec> out = new ArrayList<>();
        MonHosts.parse(options.getString("mon_host", "")).forEach(m -> out.add(m.addrs()));
        return out;
    }
}

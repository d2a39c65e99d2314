/**
 * The msgr2.1 {@code secure} connection mode (AES-128-GCM frames), a
 * {@link io.inkwire.api.mode.ConnectionMode} provider.
 */
module io.inkwire.mode.secure {
    requires transitive io.inkwire.api;
    requires io.inkwire.wire;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    // Optional crypto provider, used only when inkwire_crypto_provider = BC.
    requires static org.bouncycastle.provider;

    exports io.inkwire.mode.secure;

    provides io.inkwire.api.mode.ConnectionMode with io.inkwire.mode.secure.SecureConnectionMode;
}

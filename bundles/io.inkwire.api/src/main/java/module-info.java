/**
 * inkwire's public API and SPIs: interfaces and value types only.
 * Implementations live in their own bundles/modules and are found through
 * {@link java.util.ServiceLoader} (plain JPMS / class path) or the OSGi service registry.
 */
module io.inkwire.api {
    requires static osgi.annotation;

    exports io.inkwire.api;
    exports io.inkwire.api.addr;
    exports io.inkwire.api.annotations;
    exports io.inkwire.api.auth;
    exports io.inkwire.api.config;
    exports io.inkwire.api.message;
    exports io.inkwire.api.mode;

    uses io.inkwire.api.MessengerFactory;
    uses io.inkwire.api.auth.AuthProvider;
    uses io.inkwire.api.mode.ConnectionMode;
    uses io.inkwire.api.message.MessageCodec;
}

/**
 * inkwire's OSGi runtime: the provider whiteboard ({@link io.inkwire.osgi.InkwireProviders}) and
 * messengers configured through Configuration Admin ({@link io.inkwire.osgi.ManagedMessenger}).
 * Outside OSGi this module is inert: its classes are DS components.
 */
module io.inkwire.osgi {
    requires transitive io.inkwire.api;
    requires transitive io.inkwire.monclient;
    requires io.inkwire.config;
    requires static osgi.annotation;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;

    exports io.inkwire.osgi;
}

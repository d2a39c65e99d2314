/** An example inkwire plugin: the toy "xor" connection mode. A template, not a security mechanism. */
module io.inkwire.example.xormode {
    requires io.inkwire.wire;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    provides io.inkwire.api.mode.ConnectionMode with io.inkwire.example.xormode.XorConnectionMode;
}

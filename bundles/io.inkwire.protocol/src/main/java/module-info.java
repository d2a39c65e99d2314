/** The msgr2 and msgr1 protocol engines: a state machine per socket, driven by a transport. */
module io.inkwire.protocol {
    requires transitive io.inkwire.wire;
    requires io.inkwire.codec.mon;
    requires static osgi.annotation;

    exports io.inkwire.protocol;
}

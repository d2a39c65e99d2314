/** The msgr2 protocol engine: a state machine per connection, driven by a transport. */
module io.inkwire.protocol {
    requires transitive io.inkwire.wire;
    requires static osgi.annotation;

    exports io.inkwire.protocol;
}

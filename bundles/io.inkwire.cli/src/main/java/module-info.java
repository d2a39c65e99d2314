/** The inkwire command line. */
module io.inkwire.cli {
    requires io.inkwire.config;
    requires io.inkwire.monclient;
    requires io.inkwire.rados;
    // what rados and ceph osd map do and print, shared with the Karaf commands
    requires io.inkwire.rados.tool;
    // commands given as JSON are parsed, and bench's JSON written, with Jackson
    requires com.fasterxml.jackson.databind;
    requires java.logging;
    // bench: CPU and allocation figures (com.sun.management), and its PNG chart (Java2D, headless)
    requires jdk.management;
    requires java.desktop;

    uses io.inkwire.api.MessengerFactory;
    uses io.inkwire.api.auth.AuthProvider;
    uses io.inkwire.api.mode.ConnectionMode;
    uses io.inkwire.api.message.MessageCodec;
}

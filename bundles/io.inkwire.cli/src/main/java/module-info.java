/** The inkwire command line. */
module io.inkwire.cli {
    requires io.inkwire.config;
    requires io.inkwire.monclient;
    requires java.logging;
    // bench: CPU and allocation figures (com.sun.management), and its PNG chart (Java2D, headless)
    requires jdk.management;
    requires java.desktop;

    uses io.inkwire.api.MessengerFactory;
    uses io.inkwire.api.auth.AuthProvider;
    uses io.inkwire.api.mode.ConnectionMode;
    uses io.inkwire.api.message.MessageCodec;
}

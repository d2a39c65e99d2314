/** Karaf shell commands for inkwire; only useful inside Karaf (the shell API is an automatic module here). */
module io.inkwire.karaf.shell {
    requires io.inkwire.osgi;
    requires io.inkwire.config;
    // the RADOS commands; optional in OSGi too (feature inkwire-rados)
    requires static io.inkwire.rados.tool;
    // a user's JSON command is parsed (and its format added) with Jackson
    requires com.fasterxml.jackson.databind;
    requires static osgi.core;
    requires static org.apache.karaf.shell.core;
}

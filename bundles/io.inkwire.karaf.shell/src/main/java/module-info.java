/** Karaf shell commands for inkwire; only useful inside Karaf (the shell API is an automatic module here). */
module io.inkwire.karaf.shell {
    requires io.inkwire.osgi;
    requires io.inkwire.config;
    requires static osgi.core;
    requires static org.apache.karaf.shell.core;
}

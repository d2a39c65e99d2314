package io.inkwire.api;

/** Which end of a connection we are: the connector (client) dials, the acceptor (server) accepts. */
public enum Role {
    CONNECTOR,
    ACCEPTOR
}

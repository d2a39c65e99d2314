package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;
import java.util.function.LongSupplier;

/**
 * What a server-side auth handler is made for.
 *
 * @param name      our identity (e.g. {@code mon.a} for an inkwire acting as a monitor)
 * @param keyring   the entities it may authenticate, and its own service secrets
 * @param options   the messenger's options
 * @param globalIds hands out a new global id to a peer that asks with 0 (monitor role)
 */
public record AuthServerConfig(EntityName name, Keyring keyring, CephConfig options, LongSupplier globalIds) {
}

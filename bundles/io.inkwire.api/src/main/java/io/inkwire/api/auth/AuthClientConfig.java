package io.inkwire.api.auth;

import io.inkwire.api.addr.EntityName;
import io.inkwire.api.config.CephConfig;

/**
 * What a client-side auth handler is made for: our identity, where its key comes from, and the
 * options (ticket lifetimes, {@code auth_client_required}, ...).
 */
public record AuthClientConfig(EntityName name, Keyring keyring, CephConfig options) {
}

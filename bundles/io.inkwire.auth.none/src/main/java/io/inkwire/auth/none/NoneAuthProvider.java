package io.inkwire.auth.none;

import io.inkwire.api.auth.AuthClientConfig;
import io.inkwire.api.auth.AuthClientHandler;
import io.inkwire.api.auth.AuthProvider;
import io.inkwire.api.auth.AuthServerConfig;
import io.inkwire.api.auth.AuthServerHandler;
import io.inkwire.api.annotations.InkwireAuthProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code none} ({@code CEPH_AUTH_NONE = 1}, {@code src/auth/none/}): the peer says who it is and is
 * believed. No session key, no connection secret, so only crc mode can follow it.
 */
@InkwireAuthProvider(value = "none", method = AuthProvider.CEPH_AUTH_NONE)
@Component(service = AuthProvider.class, property = {"inkwire.auth.method:Integer=1", "inkwire.auth.name=none"})
public final class NoneAuthProvider implements AuthProvider {

    @Override
    public int method() {
        return CEPH_AUTH_NONE;
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean providesConnectionSecret() {
        return false;
    }

    @Override
    public AuthClientHandler newClientHandler(AuthClientConfig config) {
        return new NoneClientHandler(config.name());
    }

    @Override
    public AuthServerHandler newServerHandler(AuthServerConfig config) {
        return new NoneServerHandler(config.globalIds());
    }

    @Override
    public String toString() {
        return "none";
    }
}

package io.inkwire.protocol;

import io.inkwire.api.addr.EntityType;
import io.inkwire.api.config.CephConfig;
import java.util.List;

/**
 * Which auth methods and connection modes apply between us and a peer type, from the Ceph options
 * — the rules of {@code AuthRegistry::_refresh_config}, {@code get_supported_methods} and
 * {@code get_supported_modes} ({@code src/auth/AuthRegistry.cc}).
 */
public final class AuthPolicy {

    private AuthPolicy() {
    }

    /** Auth method names, preferred first: {@code auth_client_required} etc., or {@code auth_supported} when set. */
    public static List<String> methods(CephConfig o, EntityType me, EntityType peer) {
        if (!o.getList("auth_supported").isEmpty()) {
            return o.getList("auth_supported");
        }
        return o.getList(methodOption(me, peer));
    }

    static String methodOption(EntityType me, EntityType peer) {
        if (me == EntityType.CLIENT) {
            return "auth_client_required";
        }
        return peer == EntityType.CLIENT ? "auth_service_required" : "auth_cluster_required";
    }

    /** The option naming the connection modes for this pair, e.g. {@code ms_mon_client_mode}. */
    public static String modeOption(EntityType me, EntityType peer) {
        if (me == EntityType.CLIENT) {
            return peer == EntityType.MON ? "ms_mon_client_mode" : "ms_client_mode";
        }
        if (me == EntityType.MON) {
            return peer == EntityType.CLIENT ? "ms_mon_service_mode" : "ms_mon_cluster_mode";
        }
        if (peer == EntityType.MON) {
            return "ms_mon_cluster_mode";
        }
        return peer == EntityType.CLIENT ? "ms_service_mode" : "ms_cluster_mode";
    }

    /** Mode names, preferred first. */
    public static List<String> modes(CephConfig o, EntityType me, EntityType peer) {
        return o.getList(modeOption(me, peer));
    }
}

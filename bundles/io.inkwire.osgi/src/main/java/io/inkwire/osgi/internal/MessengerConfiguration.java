package io.inkwire.osgi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The metatype of the {@code io.inkwire.messenger} factory configuration (what Karaf's
 * {@code config:edit} and web consoles show). Names follow Ceph's options; a double underscore in a
 * method name is one underscore in the property (the DS naming rule). Any other property named like
 * a Ceph option ({@code ms_*}, {@code auth_*}, {@code mon_*}, {@code client_*}, ...) is passed on as
 * that option too.
 */
@ObjectClassDefinition(id = MessengerComponent.FACTORY_PID, name = "inkwire messenger",
        description = "A Ceph messenger (and, with mon_host, a monitor client) registered as OSGi services. One configuration per messenger.")
@interface MessengerConfiguration {

    @AttributeDefinition(name = "Entity name", description = "Who we are, TYPE.ID (client.admin, osd.3, mon.a)")
    String entity__name() default "client.admin";

    @AttributeDefinition(name = "mon_host", required = false,
            description = "Monitors in mon_host syntax ([v2:1.2.3.4:3300,v1:1.2.3.4:6789] or 1.2.3.4); when set, a monitor client is kept connected and registered as a service")
    String mon__host() default "";

    @AttributeDefinition(name = "keyring", required = false, description = "Keyring file(s) with our entity's key, as Ceph's keyring option")
    String keyring() default "";

    @AttributeDefinition(name = "ceph.conf", required = false,
            description = "A ceph.conf read first (its sections for our entity); properties here override it")
    String conf() default "";

    @AttributeDefinition(name = "Bind addresses", required = false,
            description = "Addresses to accept connections on (e.g. v2:127.0.0.1:0); empty for a client only")
    String bind() default "";

    @AttributeDefinition(name = "auth_client_required", description = "Auth methods towards servers, preferred first")
    String auth__client__required() default "cephx, none";

    @AttributeDefinition(name = "auth_service_required", description = "Auth methods accepted from clients")
    String auth__service__required() default "cephx";

    @AttributeDefinition(name = "auth_cluster_required", description = "Auth methods between daemons")
    String auth__cluster__required() default "cephx";

    @AttributeDefinition(name = "ms_mon_client_mode", description = "Connection modes towards monitors, preferred first")
    String ms__mon__client__mode() default "secure crc";

    @AttributeDefinition(name = "ms_client_mode", description = "Connection modes towards other daemons, preferred first")
    String ms__client__mode() default "crc secure";

    @AttributeDefinition(name = "ms_service_mode", description = "Connection modes accepted from clients")
    String ms__service__mode() default "crc secure";

    @AttributeDefinition(name = "ms_cluster_mode", description = "Connection modes between daemons")
    String ms__cluster__mode() default "crc secure";

    @AttributeDefinition(name = "client_mount_timeout", description = "Seconds to find a monitor before a connection attempt fails (it is retried)")
    String client__mount__timeout() default "30";

    @AttributeDefinition(name = "Transport filter", description = "Which MessengerFactory to use (an LDAP filter on its service properties)")
    String transport_target() default "(inkwire.transport=netty)";
}

package io.inkwire.api;

import io.inkwire.api.addr.EntityAddr;
import io.inkwire.api.addr.EntityAddrVec;
import io.inkwire.api.addr.EntityName;
import io.inkwire.api.addr.EntityType;

/**
 * What was negotiated on an established connection.
 *
 * @param role          our side
 * @param protocol      {@code msgr2} or {@code msgr1}
 * @param revision      msgr2 frame revision (0 or 1); 0 for msgr1
 * @param peerAddr      the address we dialed (connector) or the peer's socket address (acceptor)
 * @param peerAddrs     the addresses the peer announced in its ident
 * @param peerType      the peer's entity type
 * @param peerName      the entity the acceptor authenticated; null on the connector side
 * @param authMethod    the auth method name ({@code none}, {@code cephx}, ...)
 * @param mode          the connection mode name ({@code crc}, {@code secure}, ...)
 * @param globalId      our global id (connector) or the peer's (acceptor), as the auth exchange set it
 * @param features      the CEPH feature bits both sides support
 * @param lossy         whether the session is lossy
 */
public record ConnectionInfo(Role role, String protocol, int revision, EntityAddr peerAddr, EntityAddrVec peerAddrs,
                             EntityType peerType, EntityName peerName, String authMethod, String mode, long globalId, long features,
                             boolean lossy) {

    /** One line with the tokens {@code peer= proto= rev= auth= mode=} (what {@code -v} prints). */
    public String summary() {
        return "peer=" + peerAddr + " proto=" + protocol + " rev=" + revision + " auth=" + authMethod + " mode=" + mode
                + " peer_type=" + peerType.text() + (peerName != null ? " peer_name=" + peerName : "") + " global_id=" + globalId + " role=" + role.name().toLowerCase()
                + " features=0x" + Long.toHexString(features);
    }
}

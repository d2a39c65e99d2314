package io.inkwire.rados;

import java.util.Map;

/**
 * What the request engine has done, as Ceph's objecter perf counters ({@code ceph daemon
 * client.X perf dump} → {@code objecter}): readable as a JMX MXBean under
 * {@code io.inkwire:type=RadosClient,name=<entity>,id=<global id>} (internal.RadosClientMBeans).
 */
public interface ObjecterCounters {

    /** Ops submitted and not yet completed ({@code op_active}). */
    long getOpsInFlight();

    /** MOSDOps sent, resends included ({@code op_send}). */
    long getOpsSent();

    /** MOSDOps sent again after a map change, a session reset or a redirect ({@code op_resend}). */
    long getOpsResent();

    /** MOSDOpReplies received ({@code op_reply}). */
    long getReplies();

    /** Ops completed with an error, by errno name ("ENOENT" → 3). */
    Map<String, Long> getErrorsByErrno();

    /** Epoch of the OSDMap in use ({@code map_epoch}). */
    long getMapEpoch();

    /** Full and incremental maps applied ({@code map_full}, {@code map_inc}). */
    long getMapsApplied();

    /** Of those, how many came as full maps (the first one, and any after a gap or an undecodable incremental). */
    long getFullMapsApplied();

    /** Open OSD sessions ({@code omap_open} minus {@code omap_close}). */
    int getOsdSessions();

    /**
     * MOSDBackoff blocks received: an OSD asked to hold ops to a PG (peering, unfound objects)
     * until it unblocks it. Not one of Ceph's objecter counters (its client only logs them).
     */
    long getBackoffsReceived();

    /** Ops sent longer than {@code objecter_timeout} ago and not answered, at the last tick ({@code op_laggy}). */
    long getLaggyOps();

    /** OSDs those laggy ops wait on, pinged at the last tick ({@code osd_laggy}). */
    long getLaggyOsds();
}

package io.inkwire.rados;

import io.inkwire.api.Errno;

/**
 * An operation failed with an errno, from the OSD or the monitor, or from the client itself
 * ({@code ETIMEDOUT} past {@code rados_osd_op_timeout}, {@code ENOENT} for a deleted pool,
 * {@code ECANCELED} for a cancelled operation). The message names what failed, as {@code rados}
 * prints it: {@code OBJ: (2) No such file or directory}.
 */
public class RadosException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String pool;
    private final String namespace;
    private final String object;

    public RadosException(int errno, String pool, String namespace, String object, String what) {
        super(describe(errno, object, what));
        this.errno = Math.abs(errno);
        this.pool = pool;
        this.namespace = namespace;
        this.object = object;
    }

    private static String describe(int errno, String object, String what) {
        String subject = what != null ? what : object != null ? object : "";
        return (subject.isEmpty() ? "" : subject + ": ") + Errno.of(errno).cephStyle();
    }

    /** The positive errno ({@code 2} for ENOENT). */
    public int errno() {
        return errno;
    }

    public Errno error() {
        return Errno.of(errno);
    }

    /** The pool's name, or null where the failure is not about a pool. */
    public String pool() {
        return pool;
    }

    /** The namespace ("" for the default one), or null. */
    public String namespace() {
        return namespace;
    }

    /** The object's name, or null where the failure is not about one object. */
    public String object() {
        return object;
    }
}

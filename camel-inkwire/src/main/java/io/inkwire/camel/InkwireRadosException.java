package io.inkwire.camel;

import io.inkwire.api.Errno;
import io.inkwire.rados.RadosException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;

/**
 * A RADOS operation of a route failed: the OSD's or the monitor's errno (or the client's own,
 * ETIMEDOUT, ESHUTDOWN…), with what it was about. Match it in {@code onException} and branch on
 * {@link #getErrno()}; the cause is the client's {@link RadosException}.
 */
public class InkwireRadosException extends CamelExchangeException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String operation;
    private final String pool;
    private final String namespace;
    private final String objectName;

    public InkwireRadosException(String operation, String pool, String namespace, String objectName, RadosException cause,
            Exchange exchange) {
        super(describe(operation, pool, namespace, objectName, cause.errno()), exchange, cause);
        this.errno = cause.errno();
        this.operation = operation;
        this.pool = pool;
        this.namespace = namespace;
        this.objectName = objectName;
    }

    /** {@code get test/obj: (2) No such file or directory}, the namespace before the object when there is one. */
    static String describe(String operation, String pool, String namespace, String objectName, int errno) {
        StringBuilder what = new StringBuilder(operation).append(' ').append(pool);
        if (namespace != null && !namespace.isEmpty()) {
            what.append('/').append(namespace);
        }
        if (objectName != null) {
            what.append('/').append(objectName);
        }
        return what.append(": ").append(Errno.of(errno).cephStyle()).toString();
    }

    /** The positive errno, 2 for ENOENT. */
    public int getErrno() {
        return errno;
    }

    /** The errno's name and text, {@code ENOENT (2) No such file or directory}. */
    public Errno getError() {
        return Errno.of(errno);
    }

    /** The operation that failed ({@code get}, {@code put}, …, {@code poll} for the consumer's listing). */
    public String getOperation() {
        return operation;
    }

    public String getPool() {
        return pool;
    }

    /** The namespace, "" for the default one. */
    public String getNamespace() {
        return namespace;
    }

    /** The object, or null when the failure is not about one object (a listing, a missing pool). */
    public String getObjectName() {
        return objectName;
    }
}

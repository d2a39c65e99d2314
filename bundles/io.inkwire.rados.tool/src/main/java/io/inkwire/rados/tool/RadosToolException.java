package io.inkwire.rados.tool;

/**
 * An operation failed; the message is the line Ceph's {@code rados} tool prints for it on stderr
 * ({@code error getting test/obj: (2) No such file or directory}), after which the tool exits 1.
 */
public final class RadosToolException extends Exception {

    private static final long serialVersionUID = 1L;

    public RadosToolException(String line) {
        super(line);
    }
}

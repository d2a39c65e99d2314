package io.inkwire.rados.placement;

/** A CRUSH mapping that cannot complete: the map makes it examine too much, or names nodes it lacks. */
public class CrushMappingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CrushMappingException(String message) {
        super(message);
    }
}

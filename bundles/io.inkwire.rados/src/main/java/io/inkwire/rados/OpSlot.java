package io.inkwire.rados;

import java.util.function.Function;

/**
 * The outcome of one op inside a compound {@link ReadOp} or {@link WriteOp}: filled when the
 * operation completes, read after that. {@link #rval()} is the op's own return value as the OSD
 * set it (0, a byte count, or a negative errno); {@link #get()} is its decoded output.
 *
 * @param <T> what the op returns
 */
public final class OpSlot<T> {

    private final Function<java.nio.ByteBuffer, T> decoder;
    private volatile boolean filled;
    private volatile int rval;
    private volatile T value;
    private volatile RuntimeException decodeFailure;

    OpSlot(Function<java.nio.ByteBuffer, T> decoder) {
        this.decoder = decoder;
    }

    /** Fills the slot from the op's reply (the request engine calls this). */
    void fill(int rval, java.nio.ByteBuffer out) {
        this.rval = rval;
        if (rval >= 0 && decoder != null) {
            try {
                this.value = decoder.apply(out);
            } catch (RuntimeException e) {
                this.decodeFailure = e;
            }
        }
        this.filled = true;
    }

    /** True once the operation has completed. */
    public boolean isFilled() {
        return filled;
    }

    /** The op's return value: {@code >= 0} on success, a negative errno otherwise. */
    public int rval() {
        checkFilled();
        return rval;
    }

    /**
     * The op's decoded output.
     *
     * @throws IllegalStateException before the operation completed, or when this op failed
     */
    public T get() {
        checkFilled();
        if (decodeFailure != null) {
            throw new IllegalStateException("the OSD's output for this op was malformed: " + decodeFailure.getMessage(), decodeFailure);
        }
        if (rval < 0) {
            throw new IllegalStateException("the op failed: " + io.inkwire.api.Errno.of(rval).cephStyle());
        }
        return value;
    }

    private void checkFilled() {
        if (!filled) {
            throw new IllegalStateException("the operation has not completed");
        }
    }
}

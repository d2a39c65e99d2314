package io.inkwire.rados;

/**
 * How a compound operation ended: the OSD's result for the whole request and the object's
 * version after it ({@code user_version}, what {@code assert_version} compares with). The per-op
 * results are in the operation's {@link OpSlot}s.
 */
public record OperationResult(int result, long version) {
}

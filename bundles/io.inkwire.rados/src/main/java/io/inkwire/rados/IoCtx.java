package io.inkwire.rados;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * Object I/O in one pool and namespace, as librados's {@code IoCtx}. Every operation is
 * asynchronous: its stage completes with the result, or exceptionally with a
 * {@link RadosException} carrying the OSD's errno and naming pool, namespace and object. Wait
 * for one with {@link Rados#await}. Cancelling a stage's {@code CompletableFuture} cancels the
 * operation where it has not been applied yet.
 *
 * <p>Instances are immutable and thread-safe; {@link #withNamespace} and {@link #withLocator}
 * return new views of the same pool.
 */
public interface IoCtx {

    String pool();

    long poolId();

    /** The namespace ops go to; "" is the default one. */
    String namespace();

    /** The locator key placing objects (their name when empty). */
    String locator();

    /** This pool, namespace {@code ns}. */
    IoCtx withNamespace(String ns);

    /** This pool and namespace, objects placed by {@code key} instead of their names. */
    IoCtx withLocator(String key);

    /** Runs a compound write on one object. */
    CompletionStage<OperationResult> operate(String oid, WriteOp op);

    /** Runs a compound read on one object. */
    CompletionStage<OperationResult> operate(String oid, ReadOp op);

    /**
     * One page of the pool's objects in this namespace (or every namespace, see
     * {@link #listAllNamespaces}), at most {@code max} entries, from {@code cursor}.
     */
    CompletionStage<ObjectPage> list(ListCursor cursor, int max);

    /** The same listing over every namespace ({@code rados ls --all}). */
    CompletionStage<ObjectPage> listAllNamespaces(ListCursor cursor, int max);

    // --- single ops, each one MOSDOp ---

    /** Up to {@code length} bytes from {@code offset}; 0 reads to the end. */
    default CompletionStage<ByteBuffer> read(String oid, long offset, long length) {
        ReadOp op = new ReadOp();
        OpSlot<ByteBuffer> data = op.read(offset, length);
        return operate(oid, op).thenApply(r -> data.get());
    }

    default CompletionStage<Void> write(String oid, ByteBuffer data, long offset) {
        WriteOp op = new WriteOp();
        op.write(offset, data);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> writeFull(String oid, ByteBuffer data) {
        WriteOp op = new WriteOp();
        op.writeFull(data);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> append(String oid, ByteBuffer data) {
        WriteOp op = new WriteOp();
        op.append(data);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> truncate(String oid, long size) {
        WriteOp op = new WriteOp();
        op.truncate(size);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> zero(String oid, long offset, long length) {
        WriteOp op = new WriteOp();
        op.zero(offset, length);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> create(String oid, boolean exclusive) {
        WriteOp op = new WriteOp();
        op.create(exclusive);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> remove(String oid) {
        WriteOp op = new WriteOp();
        op.remove();
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<ObjectStat> stat(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<ObjectStat> st = op.stat();
        return operate(oid, op).thenApply(r -> st.get());
    }

    default CompletionStage<ByteBuffer> getXattr(String oid, String name) {
        ReadOp op = new ReadOp();
        OpSlot<ByteBuffer> v = op.getXattr(name);
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> setXattr(String oid, String name, ByteBuffer value) {
        WriteOp op = new WriteOp();
        op.setXattr(name, value);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> rmXattr(String oid, String name) {
        WriteOp op = new WriteOp();
        op.rmXattr(name);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<SortedMap<String, ByteBuffer>> getXattrs(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<SortedMap<String, ByteBuffer>> v = op.getXattrs();
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> omapSet(String oid, Map<String, ByteBuffer> values) {
        WriteOp op = new WriteOp();
        op.omapSet(values);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<SortedMap<String, ByteBuffer>> omapGetValsByKeys(String oid, Collection<String> keys) {
        ReadOp op = new ReadOp();
        OpSlot<SortedMap<String, ByteBuffer>> v = op.omapGetValsByKeys(keys);
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> omapRmKeys(String oid, Collection<String> keys) {
        WriteOp op = new WriteOp();
        op.omapRmKeys(keys);
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<Void> omapClear(String oid) {
        WriteOp op = new WriteOp();
        op.omapClear();
        return operate(oid, op).thenApply(r -> null);
    }

    default CompletionStage<ByteBuffer> omapGetHeader(String oid) {
        ReadOp op = new ReadOp();
        OpSlot<ByteBuffer> v = op.omapGetHeader();
        return operate(oid, op).thenApply(r -> v.get());
    }

    default CompletionStage<Void> omapSetHeader(String oid, ByteBuffer header) {
        WriteOp op = new WriteOp();
        op.omapSetHeader(header);
        return operate(oid, op).thenApply(r -> null);
    }

    /** Calls an object class method ({@code rados_exec}); read-write. */
    default CompletionStage<ByteBuffer> exec(String oid, String cls, String method, ByteBuffer input) {
        WriteOp op = new WriteOp();
        OpSlot<ByteBuffer> out = op.exec(cls, method, input);
        return operate(oid, op).thenApply(r -> out.get());
    }
}

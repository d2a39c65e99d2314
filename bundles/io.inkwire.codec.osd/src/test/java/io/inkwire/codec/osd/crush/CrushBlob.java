package io.inkwire.codec.osd.crush;

import io.inkwire.wire.CephEncoder;

/**
 * Test helper: writes a CRUSH blob field by field, in {@code CrushWrapper::encode}'s order
 * ({@code src/crush/CrushWrapper.cc}), so that a test can put any value in any field, lies included.
 */
final class CrushBlob {

    private static final int STRAW2 = 5;
    private static final int TREE = 3;

    final CephEncoder e = new CephEncoder();

    /** magic, max_buckets, max_rules, max_devices (written as given, even when absurd). */
    CrushBlob(long maxBuckets, long maxRules, long maxDevices) {
        e.u32(CrushMap.MAGIC).u32(maxBuckets).u32(maxRules).u32(maxDevices);
    }

    /** A straw2 bucket of type {@code type} holding {@code items}, each of weight 1.0. */
    CrushBlob straw2(int id, int type, int... items) {
        bucketHead(STRAW2, id, type, items.length);
        for (int item : items) {
            e.u32(item);
        }
        for (int ignored : items) {
            e.u32(0x10000);
        }
        return this;
    }

    /** A bucket head announcing {@code size} items and nothing after it. */
    CrushBlob bucketHead(int alg, int id, int type, long size) {
        e.u32(alg).u32(id).u16(type).u8(alg).u8(0).u32(0x10000).u32(size);
        return this;
    }

    /** A tree bucket with its u8 node count and no node weights after it. */
    CrushBlob treeWithNodeCount(int id, int numNodes) {
        bucketHead(TREE, id, 1, 0);
        e.u8(numNodes);
        return this;
    }

    CrushBlob emptySlot() {
        e.u32(0);
        return this;
    }

    /** A present rule slot: len steps as given (op, arg1, arg2 triples), replicated, sizes 1…10. */
    CrushBlob rule(long len, int... steps) {
        e.u32(1).u32(len).u8(0).u8(1).u8(1).u8(10);
        for (int s : steps) {
            e.u32(s);
        }
        return this;
    }

    /** The three name maps, empty. */
    CrushBlob noNames() {
        e.u32(0).u32(0).u32(0);
        return this;
    }

    CrushBlob u32(long v) {
        e.u32(v);
        return this;
    }

    byte[] bytes() {
        return e.toByteArray();
    }
}
